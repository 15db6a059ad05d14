package io.xaostech.webfront.blog;

import io.xaostech.webfront.config.BackendClients;
import io.xaostech.webfront.config.WebfrontProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * blog-service's public API as the site reads it, with short timeouts. A failure to reach blog is
 * {@link Unavailable}; a post or page blog does not have is an empty answer.
 */
@Component
public class BlogClient {

    public record Summary(String slug, String title, String excerpt, List<String> tags, Instant publishedAt) {
    }

    public record Post(String slug, String title, String excerpt, String html, List<String> tags, Instant publishedAt,
                       Instant updatedAt) {
    }

    public record Reply(UUID id, String displayName, String html, Instant createdAt) {
    }

    public record Thread(UUID id, String displayName, String html, Instant createdAt, boolean deleted,
                         List<Reply> replies) {
    }

    public record Hit(String slug, String title, String snippet, Instant publishedAt) {
    }

    public record Page<T>(List<T> items, String nextCursor) {
    }

    /** blog could not be reached or failed; the page shows that part as unavailable. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(Throwable cause) {
            super("blog is unavailable: " + cause.getMessage(), cause);
        }
    }

    /** blog refused a comment: {@code status} and its problem detail, shown to the commenter. */
    public record Refusal(int status, String detail) {
    }

    private final RestClient blog;

    BlogClient(WebfrontProperties properties, @Value("${xaos.services.blog.url}") String blogUrl) {
        this.blog = BackendClients.client(blogUrl, properties.backendTimeout(), properties.backendTimeout());
    }

    public Page<Summary> posts(String tag, String cursor, int limit) {
        return call(() -> blog.get().uri(builder -> builder.path("/api/v1/blog/posts")
                        .queryParamIfPresent("tag", Optional.ofNullable(tag))
                        .queryParamIfPresent("cursor", Optional.ofNullable(cursor))
                        .queryParam("limit", limit).build())
                .retrieve().body(new org.springframework.core.ParameterizedTypeReference<Page<Summary>>() { }));
    }

    public Optional<Post> post(String slug) {
        return optional(() -> blog.get().uri("/api/v1/blog/posts/{slug}", slug).retrieve().body(Post.class));
    }

    public Page<Thread> comments(String slug) {
        return call(() -> blog.get().uri("/api/v1/blog/posts/{slug}/comments?limit=100", slug).retrieve()
                .body(new org.springframework.core.ParameterizedTypeReference<Page<Thread>>() { }));
    }

    public Page<Hit> search(String query) {
        return call(() -> blog.get().uri(builder -> builder.path("/api/v1/blog/search").queryParam("q", query)
                        .queryParam("limit", 20).build())
                .retrieve().body(new org.springframework.core.ParameterizedTypeReference<Page<Hit>>() { }));
    }

    /** Posts a comment as the signed-in visitor; empty when blog took it, else blog's refusal. */
    public Optional<Refusal> comment(String slug, String accessToken, String body, String displayName, UUID parentId) {
        try {
            blog.post().uri("/api/v1/blog/posts/{slug}/comments", slug)
                    .headers(h -> h.setBearerAuth(accessToken))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(parentId == null ? Map.of("body", body, "displayName", displayName)
                            : Map.of("body", body, "displayName", displayName, "parentId", parentId))
                    .retrieve().toBodilessEntity();
            return Optional.empty();
        } catch (HttpClientErrorException e) {
            return Optional.of(new Refusal(e.getStatusCode().value(), BackendClients.detailOf(e)));
        } catch (RestClientException e) {
            throw new Unavailable(e);
        }
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (RestClientException e) {
            throw new Unavailable(e);
        }
    }

    private static <T> Optional<T> optional(java.util.function.Supplier<T> request) {
        try {
            return Optional.ofNullable(request.get());
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatusCode.valueOf(404))
                    || e.getStatusCode().isSameCodeAs(HttpStatusCode.valueOf(400))) {
                return Optional.empty();
            }
            throw new Unavailable(e);
        } catch (RestClientException e) {
            throw new Unavailable(e);
        }
    }
}
