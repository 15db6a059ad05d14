package io.xaostech.webfront.me;

import io.xaostech.webfront.config.BackendClients;
import io.xaostech.webfront.config.WebfrontProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** account's self-service API (profile, sign-in sessions, API keys), always with the visitor's own token. */
@Component
class AccountClient {

    record Profile(UUID id, String email, boolean emailVerified, String displayName, List<String> roles,
                   Instant createdAt) {
    }

    record Session(UUID sid, String device, String clientIp, Instant createdAt, Instant lastSeenAt, boolean current) {
    }

    record ApiKey(UUID id, String name, String prefix, Set<String> scopes, Instant createdAt, Instant expiresAt,
                  Instant lastUsedAt) {
    }

    /** A new key: the only time its secret is shown. */
    record CreatedKey(UUID id, String name, String key) {
    }

    private static final String UNREACHABLE = "Your account cannot be reached just now; please try again in a moment.";

    private final RestClient account;

    AccountClient(WebfrontProperties properties) {
        this.account = BackendClients.client(properties.account().url().toString(), properties.backendTimeout(),
                properties.backendTimeout());
    }

    Profile profile(String token) {
        return call(() -> account.get().uri("/api/v1/account/me").headers(h -> h.setBearerAuth(token)).retrieve()
                .body(Profile.class));
    }

    void rename(String token, String displayName) {
        call(() -> account.patch().uri("/api/v1/account/me").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("displayName", displayName))
                .retrieve().toBodilessEntity());
    }

    List<Session> sessions(String token) {
        return call(() -> account.get().uri("/api/v1/account/me/sessions").headers(h -> h.setBearerAuth(token))
                .retrieve().body(new ParameterizedTypeReference<List<Session>>() { }));
    }

    void endSession(String token, UUID sid) {
        call(() -> account.delete().uri("/api/v1/account/me/sessions/{sid}", sid).headers(h -> h.setBearerAuth(token))
                .retrieve().toBodilessEntity());
    }

    List<ApiKey> apiKeys(String token) {
        return call(() -> account.get().uri("/api/v1/account/api-keys").headers(h -> h.setBearerAuth(token))
                .retrieve().body(new ParameterizedTypeReference<List<ApiKey>>() { }));
    }

    CreatedKey createKey(String token, String name, List<String> scopes, Instant expiresAt) {
        Map<String, Object> body = expiresAt == null ? Map.of("name", name, "scopes", scopes)
                : Map.of("name", name, "scopes", scopes, "expiresAt", expiresAt);
        return call(() -> account.post().uri("/api/v1/account/api-keys").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(CreatedKey.class));
    }

    void revokeKey(String token, UUID id) {
        call(() -> account.delete().uri("/api/v1/account/api-keys/{id}", id).headers(h -> h.setBearerAuth(token))
                .retrieve().toBodilessEntity());
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        return BackendClients.call(request, UNREACHABLE);
    }
}
