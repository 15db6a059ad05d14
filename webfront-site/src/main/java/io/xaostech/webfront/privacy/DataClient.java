package io.xaostech.webfront.privacy;

import io.xaostech.webfront.config.BackendClients;
import io.xaostech.webfront.config.WebfrontProperties;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** data-service's consent and privacy-request API as the site uses it; failures are {@link BackendClients.Failure}. */
@Component
class DataClient {

    record Purpose(String code, String name, String description, boolean essential, boolean gpcOptOut,
                   int noticeVersion, String noticeText) {
    }

    record Standing(String purpose, String decision, Integer noticeVersion, int currentNoticeVersion,
                    boolean needsReconsent, boolean allowed, Instant decidedAt) {
    }

    record Choice(String purpose, String decision, int noticeVersion) {
    }

    record Step(String service, String status) {
    }

    record Request(UUID id, String kind, String status, Instant filedAt, Instant dueAt, Instant completedAt,
                   List<Step> steps, Instant exportExpiresAt) {
    }

    /** data's visitor cookie: the site sends the visitor's id in it when it records for them. */
    static final String VISITOR_COOKIE = "XAOS_VISITOR";
    static final String UNREACHABLE = "Privacy settings cannot be reached just now; please try again in a moment.";
    private static final Logger log = LoggerFactory.getLogger(DataClient.class);
    /** Purposes change rarely (an administrator publishing a notice): a minute late is fine. */
    private static final Duration PURPOSES_FRESH = Duration.ofMinutes(1);

    private record Known(List<Purpose> purposes, Instant at) {
    }

    private final RestClient data;
    private final Clock clock;
    private final AtomicReference<Known> purposes = new AtomicReference<>();

    DataClient(WebfrontProperties properties, @Value("${xaos.services.data.url}") String dataUrl, Clock clock) {
        this.data = BackendClients.client(dataUrl, properties.backendTimeout(), properties.backendTimeout());
        this.clock = clock;
    }

    /** The purposes with their current notices, as last read from data (empty until data first answered). */
    Optional<List<Purpose>> purposes() {
        Known known = purposes.get();
        return known == null ? Optional.empty() : Optional.of(known.purposes());
    }

    /**
     * Reads the purposes in the background, never while a page waits: every five seconds until data first answers,
     * then once a minute. A failure keeps what was known.
     */
    @Scheduled(initialDelayString = "0s", fixedDelayString = "5s")
    void refreshPurposes() {
        Known known = purposes.get();
        if (known != null && known.at().plus(PURPOSES_FRESH).isAfter(clock.instant())) {
            return;
        }
        try {
            List<Purpose> fresh = call(() -> data.get().uri("/api/v1/data/purposes").retrieve()
                    .body(new ParameterizedTypeReference<List<Purpose>>() { }));
            purposes.set(new Known(fresh == null ? List.of() : List.copyOf(fresh), clock.instant()));
        } catch (BackendClients.Failure e) {
            log.debug("reading the purposes from data failed (kept what was known): {}", e.getMessage());
        }
    }

    List<Standing> visitorStanding(String visitorId) {
        return call(() -> data.get().uri("/api/v1/data/visitor/consents")
                .header(HttpHeaders.COOKIE, VISITOR_COOKIE + "=" + visitorId).retrieve()
                .body(new ParameterizedTypeReference<List<Standing>>() { }));
    }

    List<Standing> userStanding(String token, UUID user) {
        return call(() -> data.get().uri("/api/v1/data/users/{id}/consents", user).headers(h -> h.setBearerAuth(token))
                .retrieve().body(new ParameterizedTypeReference<List<Standing>>() { }));
    }

    void recordForVisitor(String visitorId, String method, List<Choice> choices, boolean gpc) {
        call(() -> withGpc(data.put().uri("/api/v1/data/visitor/consents")
                .header(HttpHeaders.COOKIE, VISITOR_COOKIE + "=" + visitorId), gpc)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("method", method, "choices", choices))
                .retrieve().toBodilessEntity());
    }

    void recordForUser(String token, UUID user, String method, List<Choice> choices, boolean gpc) {
        call(() -> withGpc(data.put().uri("/api/v1/data/users/{id}/consents", user).headers(h -> h.setBearerAuth(token)), gpc)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("method", method, "choices", choices))
                .retrieve().toBodilessEntity());
    }

    /** Carries what the visitor decided before signing in into their account (data keeps later decisions). */
    void link(String token, UUID user, String visitorId) {
        call(() -> data.post().uri("/api/v1/data/users/{id}/consents/link", user).headers(h -> h.setBearerAuth(token))
                .header(HttpHeaders.COOKIE, VISITOR_COOKIE + "=" + visitorId).retrieve().toBodilessEntity());
    }

    List<Request> requests(String token, UUID user) {
        return call(() -> data.get().uri("/api/v1/data/users/{id}/privacy-requests?limit=20", user)
                .headers(h -> h.setBearerAuth(token)).retrieve().body(new ParameterizedTypeReference<List<Request>>() { }));
    }

    void file(String token, UUID user, String kind) {
        call(() -> data.post().uri("/api/v1/data/users/{id}/privacy-requests", user).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("kind", kind)).retrieve().toBodilessEntity());
    }

    /** The short-lived download link of a finished export. */
    URI exportLink(String token, UUID request) {
        URI link = call(() -> data.get().uri("/api/v1/data/privacy-requests/{id}/export", request)
                .headers(h -> h.setBearerAuth(token)).retrieve().toBodilessEntity().getHeaders().getLocation());
        if (link == null || !link.isAbsolute() || !List.of("http", "https").contains(link.getScheme())) {
            throw new BackendClients.Failure(502, "The export's link could not be had; please try again.");
        }
        return link;
    }

    private static RestClient.RequestBodySpec withGpc(RestClient.RequestBodySpec request, boolean gpc) {
        return gpc ? request.header("Sec-GPC", "1") : request;
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        return BackendClients.call(request, UNREACHABLE);
    }
}
