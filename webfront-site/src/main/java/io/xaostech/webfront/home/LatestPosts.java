package io.xaostech.webfront.home;

import io.xaostech.webfront.config.WebfrontProperties;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The newest published posts, from blog's public API with a short timeout, kept for half a minute (so the home
 * page rarely waits on blog at all); when blog is slow or down the last list is shown while it is less than ten
 * minutes old, and after that the page says the posts are unavailable rather than waiting or failing.
 */
@Component
class LatestPosts {

    private static final Logger log = LoggerFactory.getLogger(LatestPosts.class);

    record Post(String slug, String title, String excerpt, Instant publishedAt) {
    }

    private record Page(List<Post> items) {
    }

    private static final Duration FRESH = Duration.ofSeconds(30);
    private static final Duration STALE_LIMIT = Duration.ofMinutes(10);

    private record Fetched(List<Post> posts, Instant at) {
    }

    private final RestClient blog;
    private volatile Fetched last;

    LatestPosts(WebfrontProperties properties,
                @Value("${xaos.services.blog.url}") String blogUrl) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.backendTimeout()).followRedirects(HttpClient.Redirect.NEVER).build());
        requests.setReadTimeout(properties.backendTimeout());
        this.blog = RestClient.builder().baseUrl(blogUrl).requestFactory(requests).build();
    }

    /** The three newest posts; empty when blog could not answer for ten minutes. */
    Optional<List<Post>> newest() {
        Fetched known = last;
        Instant now = Instant.now();
        if (known != null && known.at().plus(FRESH).isAfter(now)) {
            return Optional.of(known.posts());
        }
        try {
            Page page = blog.get().uri("/api/v1/blog/posts?limit=3").retrieve().body(Page.class);
            List<Post> posts = page == null || page.items() == null ? List.of() : List.copyOf(page.items());
            last = new Fetched(posts, now);
            return Optional.of(posts);
        } catch (RestClientException e) {
            log.warn("Latest posts unavailable: {}", e.getMessage());
            return known != null && known.at().plus(STALE_LIMIT).isAfter(now) ? Optional.of(known.posts())
                    : Optional.empty();
        }
    }
}
