package io.xaostech.blog.media;

import static io.xaostech.platform.jdbc.Timestamps.instant;
import static io.xaostech.platform.jdbc.Timestamps.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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
                .param(id).query(this::media).optional();
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
        return jdbc.sql("select id, uploaded_by, filename, content_type, size_bytes, width, height, created_at "
                        + "from media where (cast(:before as timestamptz) is null or created_at < cast(:before as timestamptz)) "
                        + "order by created_at desc limit :limit")
                .param("before", utc(before)).param("limit", limit).query(this::media).list();
    }

    long bytesUploadedBy(UUID uploader) {
        return jdbc.sql("select coalesce(sum(size_bytes), 0) from media where uploaded_by = ?").param(uploader)
                .query(Long.class).single();
    }

    boolean isReferenced(UUID id) {
        return jdbc.sql("select exists (select 1 from post_media where media_id = ?)").param(id)
                .query(Boolean.class).single();
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from media where id = ?").param(id).update() == 1;
    }

    /** Makes the post's references exactly {@code mediaIds} (ids of media that do not exist are ignored). */
    void replaceReferences(UUID postId, Collection<UUID> mediaIds) {
        jdbc.sql("delete from post_media where post_id = ?").param(postId).update();
        if (!mediaIds.isEmpty()) {
            jdbc.sql("insert into post_media (post_id, media_id) select ?, id from media where id = any(?)")
                    .param(postId).param(mediaIds.toArray(UUID[]::new)).update();
        }
    }

    /**
     * Locks up to {@code limit} media no post uses that are older than {@code before}, skipping rows another
     * instance is already cleaning; call inside a transaction.
     */
    List<UUID> lockOrphans(Instant before, int limit) {
        return jdbc.sql("select id from media m where created_at < ? "
                        + "and not exists (select 1 from post_media p where p.media_id = m.id) "
                        + "order by created_at limit ? for update skip locked")
                .param(utc(before)).param(limit).query(UUID.class).list();
    }

    List<String> variantNames(UUID id) {
        return jdbc.sql("select name from media_variants where media_id = ?").param(id).query(String.class).list();
    }

    private Media media(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<VariantInfo> variants = jdbc.sql("select name, content_type, size_bytes, width, height from media_variants "
                        + "where media_id = ? order by width")
                .param(id)
                .query((v, i) -> new VariantInfo(v.getString("name"), v.getString("content_type"),
                        v.getLong("size_bytes"), v.getInt("width"), v.getInt("height")))
                .list();
        return new Media(id, rs.getObject("uploaded_by", UUID.class), rs.getString("filename"),
                rs.getString("content_type"), rs.getLong("size_bytes"), (Integer) rs.getObject("width"),
                (Integer) rs.getObject("height"), instant(rs, "created_at"), variants);
    }
}
