package io.xaostech.webfront.home;

import io.xaostech.webfront.config.WebfrontProperties;
import java.net.http.HttpClient;
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
 * The newest published posts, from blog's public API with a short timeout: when blog is slow or down the home page
 * says so in place of the list rather than waiting or failing.
 */
@Component
class LatestPosts {

    private static final Logger log = LoggerFactory.getLogger(LatestPosts.class);

    record Post(String slug, String title, String excerpt, Instant publishedAt) {
    }

    private record Page(List<Post> items) {
    }

    private final RestClient blog;

    LatestPosts(WebfrontProperties properties,
                @Value("${xaos.services.blog.url}") String blogUrl) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.backendTimeout()).followRedirects(HttpClient.Redirect.NEVER).build());
        requests.setReadTimeout(properties.backendTimeout());
        this.blog = RestClient.builder().baseUrl(blogUrl).requestFactory(requests).build();
    }

    /** Up to {@code count} posts, newest first; empty when blog could not answer. */
    Optional<List<Post>> newest(int count) {
        try {
            Page page = blog.get().uri("/api/v1/blog/posts?limit={count}", count).retrieve().body(Page.class);
            return Optional.of(page == null || page.items() == null ? List.of() : page.items());
        } catch (RestClientException e) {
            log.warn("Latest posts unavailable: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
