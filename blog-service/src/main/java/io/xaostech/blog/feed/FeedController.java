package io.xaostech.blog.feed;

import io.xaostech.blog.cache.Cached;
import io.xaostech.blog.cache.ContentCache;
import io.xaostech.blog.cache.Revalidated;
import io.xaostech.blog.post.PublishedPosts;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The feeds of the newest posts and the sitemap, served from the content cache. */
@RestController
class FeedController {

    static final String RSS = "application/rss+xml";
    static final String ATOM = "application/atom+xml";
    static final int FEED_SIZE = 20;

    private final PublishedPosts posts;
    private final FeedWriter writer;
    private final ContentCache cache;

    FeedController(PublishedPosts posts, FeedWriter writer, ContentCache cache) {
        this.posts = posts;
        this.writer = writer;
        this.cache = cache;
    }

    @GetMapping("/api/v1/blog/feeds/rss")
    ResponseEntity<byte[]> rss(@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return xml(RSS, ifNoneMatch, () -> writer.rss(posts.latest(FEED_SIZE)), "feed", "rss");
    }

    @GetMapping("/api/v1/blog/feeds/atom")
    ResponseEntity<byte[]> atom(@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return xml(ATOM, ifNoneMatch, () -> writer.atom(posts.latest(FEED_SIZE)), "feed", "atom");
    }

    @GetMapping("/api/v1/blog/sitemap.xml")
    ResponseEntity<byte[]> sitemap(@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return xml(MediaType.APPLICATION_XML_VALUE, ifNoneMatch, () -> writer.sitemap(posts.locations()), "sitemap");
    }

    private ResponseEntity<byte[]> xml(String type, String ifNoneMatch, Supplier<String> render, String... cacheKey) {
        Cached body = cache.get(() -> Optional.of(render.get()), cacheKey).orElseThrow();
        return Revalidated.body(body, MediaType.parseMediaType(type + ";charset=UTF-8"), ifNoneMatch);
    }
}
