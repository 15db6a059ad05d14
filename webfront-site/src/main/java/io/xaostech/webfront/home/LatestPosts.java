package io.xaostech.webfront.home;

import io.xaostech.webfront.blog.BlogClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The newest published posts, kept for half a minute (so the home page rarely waits on blog at all); when blog
 * is slow or down the last list is shown while it is less than ten minutes old, and after that the page says the
 * posts are unavailable rather than waiting or failing.
 */
@Component
class LatestPosts {

    private static final Logger log = LoggerFactory.getLogger(LatestPosts.class);
    private static final Duration FRESH = Duration.ofSeconds(30);
    private static final Duration STALE_LIMIT = Duration.ofMinutes(10);

    private record Fetched(List<BlogClient.Summary> posts, Instant at) {
    }

    private final BlogClient blog;
    private volatile Fetched last;

    LatestPosts(BlogClient blog) {
        this.blog = blog;
    }

    /** The three newest posts; empty when blog could not answer for ten minutes. */
    Optional<List<BlogClient.Summary>> newest() {
        Fetched known = last;
        Instant now = Instant.now();
        if (known != null && known.at().plus(FRESH).isAfter(now)) {
            return Optional.of(known.posts());
        }
        try {
            BlogClient.Page<BlogClient.Summary> page = blog.posts(null, null, 3);
            List<BlogClient.Summary> posts = page == null || page.items() == null ? List.of() : List.copyOf(page.items());
            last = new Fetched(posts, now);
            return Optional.of(posts);
        } catch (BlogClient.Unavailable e) {
            log.warn("Latest posts unavailable: {}", e.getMessage());
            return known != null && known.at().plus(STALE_LIMIT).isAfter(now) ? Optional.of(known.posts())
                    : Optional.empty();
        }
    }
}
