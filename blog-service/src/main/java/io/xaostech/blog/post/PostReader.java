package io.xaostech.blog.post;

import io.xaostech.platform.jdbc.KeysetCursor;
import io.xaostech.platform.jdbc.Pages;

import io.xaostech.blog.cache.Cached;
import io.xaostech.blog.cache.ContentCache;
import io.xaostech.blog.post.PostViews.PostSummary;
import io.xaostech.blog.post.PostViews.PublishedPost;
import io.xaostech.common.page.Page;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** What readers see: published posts and lists, as JSON, from the cache when it has them. */
@Service
class PostReader {

    private final Posts posts;
    private final ContentCache cache;
    private final JsonMapper json;

    PostReader(Posts posts, ContentCache cache, JsonMapper json) {
        this.posts = posts;
        this.cache = cache;
        this.json = json;
    }

    /** A published post's JSON, or empty if no published post has this slug. */
    Optional<Cached> publishedJson(String slug) {
        return cache.get(() -> posts.findBySlug(slug).filter(Post::isPublished)
                .map(post -> json.writeValueAsString(PublishedPost.of(post))), "post", slug);
    }

    /** Any post with this slug, whatever its status (for editors previewing). */
    Optional<Post> anyStatus(String slug) {
        return posts.findBySlug(slug);
    }

    /** Where a post that used to have this slug lives now. */
    Optional<String> currentSlug(String oldSlug) {
        return posts.redirectFor(oldSlug);
    }

    /** A page of published posts; first pages come from the cache. */
    Cached publishedPageJson(String tag, String cursor, int limit) {
        if (cursor != null) {
            return Cached.of(json.writeValueAsString(publishedPage(tag, KeysetCursor.decode(cursor), limit)));
        }
        // Only pages with posts are cached: a reader inventing tags cannot fill Redis with empty pages.
        Optional<Cached> cached = cache.get(() -> {
            Page<PostSummary> page = publishedPage(tag, null, limit);
            return page.items().isEmpty() ? Optional.empty() : Optional.of(json.writeValueAsString(page));
        }, "list", tag == null ? "-" : tag, String.valueOf(limit));
        return cached.orElseGet(() -> Cached.of(json.writeValueAsString(Page.last(List.<PostSummary>of()))));
    }

    private Page<PostSummary> publishedPage(String tag, KeysetCursor after, int limit) {
        return Pages.of(posts.published(tag, after, limit + 1), limit,
                post -> new KeysetCursor(post.publishedAt(), post.id().value()).encode(), PostSummary::of);
    }
}
