package io.xaostech.blog.post;

import java.time.Instant;
import io.xaostech.platform.jdbc.Timestamps;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Published posts for the other features (feeds, sitemap, comments). */
@Component
public class PublishedPosts {

    /** The sitemap protocol's limit of URLs in one file. */
    public static final int SITEMAP_LIMIT = 50_000;

    private final Posts posts;
    private final JdbcClient jdbc;

    PublishedPosts(Posts posts, JdbcClient jdbc) {
        this.posts = posts;
        this.jdbc = jdbc;
    }

    /** What a feed shows of a post. */
    public record Entry(String id, String slug, String title, String excerpt, String html, List<String> tags,
                        Instant publishedAt, Instant updatedAt) {
    }

    /** Where a post lives and when it last changed, for the sitemap. */
    public record Location(String slug, Instant updatedAt) {
    }

    /** The id of the published post at this slug. */
    public Optional<UUID> idOf(String slug) {
        return posts.findBySlug(slug).filter(Post::isPublished).map(post -> post.id().value());
    }

    public List<Entry> latest(int limit) {
        return posts.published(null, null, limit).stream()
                .map(p -> new Entry(p.id().toString(), p.slug(), p.title(), p.excerptOrLead(), p.bodyHtml(), p.tags(),
                        p.publishedAt(), p.updatedAt()))
                .toList();
    }

    public List<Location> locations() {
        return jdbc.sql("select slug, updated_at from posts where status = 'PUBLISHED' "
                        + "order by published_at desc limit ?")
                .param(SITEMAP_LIMIT)
                .query((rs, i) -> new Location(rs.getString("slug"), Timestamps.instant(rs, "updated_at")))
                .list();
    }
}
