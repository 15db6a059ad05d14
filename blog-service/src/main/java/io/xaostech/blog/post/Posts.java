package io.xaostech.blog.post;

import io.xaostech.platform.jdbc.KeysetCursor;

import static io.xaostech.platform.jdbc.Timestamps.instant;
import static io.xaostech.platform.jdbc.Timestamps.utc;

import io.xaostech.blog.render.Rendered;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code posts} table with its slug redirects; plain SQL, parameters always bound. */
@Repository
class Posts {

    private static final String COLUMNS = "id, slug, title, body_markdown, body_html, body_text, excerpt, tags, "
            + "cover_image_url, meta_title, meta_description, canonical_url, og_image_url, author_id, status, "
            + "published_at, created_at, updated_at, version";

    private final JdbcClient jdbc;

    Posts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(PostId id, PostInput in, Rendered rendered, UUID authorId) {
        jdbc.sql("insert into posts (id, slug, title, body_markdown, body_html, body_text, render_version, excerpt, "
                        + "tags, cover_image_url, meta_title, meta_description, canonical_url, og_image_url, author_id, "
                        + "status, published_at) values (:id, :slug, :title, :markdown, :html, :text, :renderVersion, "
                        + ":excerpt, cast(:tags as varchar[]), :cover, :metaTitle, :metaDescription, :canonical, :ogImage, "
                        + ":author, :status, :publishedAt)")
                .params(contentParams(in, rendered))
                .param("id", id.value())
                .param("author", authorId)
                .update();
    }

    /** Replaces the content if the post is still at {@code expectedVersion}; false if it moved on (or is gone). */
    boolean update(PostId id, int expectedVersion, PostInput in, Rendered rendered) {
        return jdbc.sql("update posts set slug = :slug, title = :title, body_markdown = :markdown, body_html = :html, "
                        + "body_text = :text, render_version = :renderVersion, excerpt = :excerpt, "
                        + "tags = cast(:tags as varchar[]), cover_image_url = :cover, meta_title = :metaTitle, "
                        + "meta_description = :metaDescription, canonical_url = :canonical, og_image_url = :ogImage, "
                        + "status = :status, published_at = :publishedAt, updated_at = now(), version = version + 1 "
                        + "where id = :id and version = :version")
                .params(contentParams(in, rendered))
                .param("id", id.value())
                .param("version", expectedVersion)
                .update() == 1;
    }

    private static Map<String, Object> contentParams(PostInput in, Rendered rendered) {
        Map<String, Object> p = new HashMap<>();
        p.put("slug", in.slug());
        p.put("title", in.title());
        p.put("markdown", in.bodyMarkdown());
        p.put("html", rendered.html());
        p.put("text", rendered.text());
        p.put("renderVersion", rendered.version());
        p.put("excerpt", in.excerpt());
        p.put("tags", in.tags().toArray(String[]::new));
        p.put("cover", in.coverImageUrl());
        p.put("metaTitle", in.seo().metaTitle());
        p.put("metaDescription", in.seo().metaDescription());
        p.put("canonical", in.seo().canonicalUrl());
        p.put("ogImage", in.seo().ogImageUrl());
        p.put("status", in.status().name());
        p.put("publishedAt", utc(in.publishedAt()));
        return p;
    }

    Optional<Post> find(PostId id) {
        return jdbc.sql("select " + COLUMNS + " from posts where id = ?").param(id.value()).query(Posts::post).optional();
    }

    Optional<Post> findBySlug(String slug) {
        return jdbc.sql("select " + COLUMNS + " from posts where slug = ?").param(slug).query(Posts::post).optional();
    }

    /** The current slug of the post that used to be at {@code oldSlug}. */
    Optional<String> redirectFor(String oldSlug) {
        return jdbc.sql("select p.slug from post_slug_redirects r join posts p on p.id = r.post_id "
                        + "where r.slug = ? and p.status = 'PUBLISHED'")
                .param(oldSlug).query(String.class).optional();
    }

    /** Whether a post other than {@code except} has this slug now. */
    boolean slugInUse(String slug, PostId except) {
        return jdbc.sql("select exists (select 1 from posts where slug = ? and id <> ?)")
                .param(slug).param(except == null ? new UUID(0, 0) : except.value())
                .query(Boolean.class).single();
    }

    /** Remembers a post's previous slug so links to it keep working; a post's own new slug stops redirecting. */
    void slugChanged(PostId id, String oldSlug, String newSlug) {
        jdbc.sql("delete from post_slug_redirects where slug = ?").param(newSlug).update();
        jdbc.sql("insert into post_slug_redirects (slug, post_id) values (?, ?) "
                        + "on conflict (slug) do update set post_id = excluded.post_id, created_at = now()")
                .param(oldSlug).param(id.value()).update();
    }

    /** A new post takes a slug another post used to have: that old link now means the new post. */
    void claimSlug(String slug) {
        jdbc.sql("delete from post_slug_redirects where slug = ?").param(slug).update();
    }

    /** Deletes the post if it is still at {@code version}. */
    boolean delete(PostId id, int version) {
        return jdbc.sql("delete from posts where id = ? and version = ?").param(id.value()).param(version).update() == 1;
    }

    /** Published posts, newest first, optionally with a tag, after the cursor. */
    List<Post> published(String tag, KeysetCursor after, int limit) {
        return jdbc.sql("select " + COLUMNS + " from posts where status = 'PUBLISHED' "
                        + "and (cast(:tag as varchar) is null or tags @> array[cast(:tag as varchar)]) "
                        + "and (cast(:at as timestamptz) is null or (published_at, id) < (cast(:at as timestamptz), :id)) "
                        + "order by published_at desc, id desc limit :limit")
                .param("tag", tag)
                .param("at", after == null ? null : utc(after.at()))
                .param("id", after == null ? new UUID(0, 0) : after.id())
                .param("limit", limit)
                .query(Posts::post).list();
    }

    /** Every post in any (or the given) status, most recently changed first, for editors. */
    List<Post> all(PostStatus status, KeysetCursor after, int limit) {
        return jdbc.sql("select " + COLUMNS + " from posts where (cast(:status as varchar) is null or status = :status) "
                        + "and (cast(:at as timestamptz) is null or (updated_at, id) < (cast(:at as timestamptz), :id)) "
                        + "order by updated_at desc, id desc limit :limit")
                .param("status", status == null ? null : status.name())
                .param("at", after == null ? null : utc(after.at()))
                .param("id", after == null ? new UUID(0, 0) : after.id())
                .param("limit", limit)
                .query(Posts::post).list();
    }

    /**
     * Publishes every scheduled post whose time has come. One statement: with several instances running it,
     * each post is switched exactly once (the row lock makes the others see it already published).
     */
    int publishDue(Instant now) {
        return jdbc.sql("update posts set status = 'PUBLISHED', updated_at = now(), version = version + 1 "
                        + "where status = 'SCHEDULED' and published_at <= ?")
                .param(utc(now)).update();
    }

    /** Posts rendered by an older allow-list than {@code version}. */
    List<Post> renderedBefore(int version, int limit) {
        return jdbc.sql("select " + COLUMNS + " from posts where render_version < ? limit ?")
                .param(version).param(limit).query(Posts::post).list();
    }

    /** Stores a new rendering of {@code markdown}, unless the post was saved (or rendered) since it was read. */
    void rerendered(PostId id, String markdown, Rendered rendered) {
        jdbc.sql("update posts set body_html = ?, body_text = ?, render_version = ? "
                        + "where id = ? and render_version < ? and body_markdown = ?")
                .param(rendered.html()).param(rendered.text()).param(rendered.version()).param(id.value())
                .param(rendered.version()).param(markdown).update();
    }

    private static Post post(ResultSet rs, int row) throws SQLException {
        Array tags = rs.getArray("tags");
        return new Post(new PostId(rs.getObject("id", UUID.class)), rs.getString("slug"), rs.getString("title"),
                rs.getString("body_markdown"), rs.getString("body_html"), rs.getString("body_text"),
                rs.getString("excerpt"), Arrays.asList((String[]) tags.getArray()), rs.getString("cover_image_url"),
                new Seo(rs.getString("meta_title"), rs.getString("meta_description"), rs.getString("canonical_url"),
                        rs.getString("og_image_url")),
                rs.getObject("author_id", UUID.class), PostStatus.valueOf(rs.getString("status")),
                instant(rs, "published_at"), instant(rs, "created_at"), instant(rs, "updated_at"), rs.getInt("version"));
    }
}
