package io.xaostech.blog.media;

import static io.xaostech.platform.jdbc.Timestamps.instant;
import static io.xaostech.platform.jdbc.Timestamps.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code media}, {@code media_variants} and {@code post_media} tables. */
@Repository
class MediaLibrary {

    static final String ORIGINAL = "original";

    private final JdbcClient jdbc;

    MediaLibrary(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored file: the original or one of its variants. */
    record Stored(UUID mediaId, String name, String filename, String contentType, long size) {
    }

    /** An upload and its variants. */
    record Media(UUID id, UUID uploadedBy, String filename, String contentType, long size, Integer width,
                 Integer height, Instant createdAt, List<VariantInfo> variants) {
    }

    record VariantInfo(String name, String contentType, long size, int width, int height) {
    }

    void insert(Media media) {
        jdbc.sql("insert into media (id, uploaded_by, filename, content_type, size_bytes, width, height) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(media.id(), media.uploadedBy(), media.filename(), media.contentType(), media.size(),
                        media.width(), media.height())
                .update();
        for (VariantInfo v : media.variants()) {
            jdbc.sql("insert into media_variants (media_id, name, content_type, size_bytes, width, height) "
                            + "values (?, ?, ?, ?, ?, ?)")
                    .params(media.id(), v.name(), v.contentType(), v.size(), v.width(), v.height()).update();
        }
    }

    Optional<Media> find(UUID id) {
        return jdbc.sql("select id, uploaded_by, filename, content_type, size_bytes, width, height, created_at "
                        + "from media where id = ?")
                .param(id).query(MediaLibrary::media).optional().map(m -> withVariants(List.of(m)).get(0));
    }

    /** The file to serve for {@code name} ({@code original} or a variant's name). */
    Optional<Stored> stored(UUID id, String name) {
        if (ORIGINAL.equals(name)) {
            return jdbc.sql("select id, filename, content_type, size_bytes from media where id = ?").param(id)
                    .query((rs, i) -> new Stored(id, ORIGINAL, rs.getString("filename"), rs.getString("content_type"),
                            rs.getLong("size_bytes"))).optional();
        }
        return jdbc.sql("select m.filename, v.content_type, v.size_bytes from media_variants v "
                        + "join media m on m.id = v.media_id where v.media_id = ? and v.name = ?")
                .param(id).param(name)
                .query((rs, i) -> new Stored(id, name, rs.getString("filename"), rs.getString("content_type"),
                        rs.getLong("size_bytes"))).optional();
    }

    List<Media> newestFirst(int limit, Instant before) {
        List<Media> found = jdbc.sql("select id, uploaded_by, filename, content_type, size_bytes, width, height, created_at "
                        + "from media where (cast(:before as timestamptz) is null or created_at < cast(:before as timestamptz)) "
                        + "order by created_at desc limit :limit")
                .param("before", utc(before)).param("limit", limit).query(MediaLibrary::media).list();
        return withVariants(found);
    }

    long bytesUploadedBy(UUID uploader) {
        return jdbc.sql("select coalesce(sum(size_bytes), 0) from media where uploaded_by = ?").param(uploader)
                .query(Long.class).single();
    }

    boolean isReferenced(UUID id) {
        return jdbc.sql("select exists (select 1 from post_media where media_id = ?)").param(id)
                .query(Boolean.class).single();
    }

    /**
     * Makes the post's references exactly {@code mediaIds} (ids of media that do not exist are ignored), and
     * notes when media lost its last reference (or that it has one again).
     */
    void replaceReferences(UUID postId, Collection<UUID> mediaIds) {
        List<UUID> before = jdbc.sql("delete from post_media where post_id = ? returning media_id").param(postId)
                .query(UUID.class).list();
        if (!mediaIds.isEmpty()) {
            jdbc.sql("insert into post_media (post_id, media_id) select ?, id from media where id = any(?)")
                    .param(postId).param(mediaIds.toArray(UUID[]::new)).update();
        }
        Set<UUID> affected = new HashSet<>(before);
        affected.addAll(mediaIds);
        if (!affected.isEmpty()) {
            jdbc.sql("update media m set unreferenced_since = case when exists "
                            + "(select 1 from post_media p where p.media_id = m.id) then null "
                            + "else coalesce(m.unreferenced_since, now()) end where m.id = any(?)")
                    .param(affected.toArray(UUID[]::new)).update();
        }
    }

    /**
     * Deletes up to {@code limit} records of media no post has used since before {@code before}, skipping rows
     * another instance is cleaning at the same moment; answers what was deleted, with its file names.
     */
    Map<UUID, List<String>> deleteOrphans(Instant before, int limit) {
        List<UUID> ids = jdbc.sql("select id from media m where unreferenced_since < ? "
                        + "and not exists (select 1 from post_media p where p.media_id = m.id) "
                        + "order by unreferenced_since limit ? for update skip locked")
                .param(utc(before)).param(limit).query(UUID.class).list();
        Map<UUID, List<String>> files = new LinkedHashMap<>();
        for (UUID id : ids) {
            files.put(id, fileNames(id));
        }
        if (!ids.isEmpty()) {
            jdbc.sql("delete from media where id = any(?)").param(ids.toArray(UUID[]::new)).update();
        }
        return files;
    }

    /** Deletes the record if no post uses it (the row locked first, so a concurrent save cannot slip in). */
    Optional<List<String>> deleteIfUnused(UUID id) {
        if (jdbc.sql("select id from media where id = ? for update").param(id).query(UUID.class).optional().isEmpty()) {
            return Optional.empty();
        }
        if (isReferenced(id)) {
            throw MediaProblems.inUse();
        }
        List<String> files = fileNames(id);
        jdbc.sql("delete from media where id = ?").param(id).update();
        return Optional.of(files);
    }

    /** Every stored file of an upload: its variants and the original. */
    List<String> fileNames(UUID id) {
        List<String> names = new ArrayList<>(jdbc.sql("select name from media_variants where media_id = ?").param(id)
                .query(String.class).list());
        names.add(ORIGINAL);
        return names;
    }

    private static Media media(ResultSet rs, int row) throws SQLException {
        return new Media(rs.getObject("id", UUID.class), rs.getObject("uploaded_by", UUID.class), rs.getString("filename"),
                rs.getString("content_type"), rs.getLong("size_bytes"), (Integer) rs.getObject("width"),
                (Integer) rs.getObject("height"), instant(rs, "created_at"), List.of());
    }

    /** The media with their variants, read in one more query for all of them. */
    private List<Media> withVariants(List<Media> media) {
        if (media.isEmpty()) {
            return media;
        }
        Map<UUID, List<VariantInfo>> variants = new HashMap<>();
        jdbc.sql("select media_id, name, content_type, size_bytes, width, height from media_variants "
                        + "where media_id = any(?) order by width")
                .param(media.stream().map(Media::id).toArray(UUID[]::new))
                .query((v, i) -> {
                    variants.computeIfAbsent(v.getObject("media_id", UUID.class), k -> new ArrayList<>())
                            .add(new VariantInfo(v.getString("name"), v.getString("content_type"), v.getLong("size_bytes"),
                                    v.getInt("width"), v.getInt("height")));
                    return null;
                }).list();
        return media.stream().map(m -> new Media(m.id(), m.uploadedBy(), m.filename(), m.contentType(), m.size(),
                m.width(), m.height(), m.createdAt(), variants.getOrDefault(m.id(), List.of()))).toList();
    }
}
