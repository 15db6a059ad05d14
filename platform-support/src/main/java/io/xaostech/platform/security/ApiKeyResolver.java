package io.xaostech.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.xaostech.common.security.ApiKeyFormat;
import io.xaostech.common.security.ApiKeyResolution;
import io.xaostech.platform.crypto.Sha256;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who an API key presented to this service belongs to, asked of account ({@code POST /internal/api-keys/resolve}
 * with this service's token) and remembered in memory for {@code cache-ttl}, unknown keys included, so a revoked
 * key stops working within that time. Malformed keys are refused without a call. Secrets are held only as
 * SHA-256 hashes. Thread-safe.
 */
public final class ApiKeyResolver {

    private final ApiKeyProperties properties;
    private final ServiceTokens serviceTokens;
    private final JsonMapper json;
    private volatile HttpClient http;
    private final Cache<String, Optional<ApiKeyResolution>> answers;

    /** Account could not say whether the key is valid (unreachable, refused this service, answered nonsense). */
    public static final class ResolutionUnavailable extends RuntimeException {
        ResolutionUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public ApiKeyResolver(ApiKeyProperties properties, ServiceTokens serviceTokens, JsonMapper json) {
        this.properties = properties;
        this.serviceTokens = serviceTokens;
        this.json = json;
        this.answers = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.cacheTtl()).build();
    }

    /**
     * The key's owner, scopes and plan, or empty when the key is not (or no longer) valid.
     *
     * @throws ResolutionUnavailable when account cannot answer
     */
    public Optional<ApiKeyResolution> resolve(String presented) {
        if (!ApiKeyFormat.isWellFormed(presented)) {
            return Optional.empty();
        }
        return answers.get(Sha256.hex(presented), hash -> ask(presented));
    }

    /** Made on the first key a service sees: every servlet service has this bean, few are ever shown a key. */
    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    http = client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(properties.timeout()).build();
                }
            }
        }
        return client;
    }

    private Optional<ApiKeyResolution> ask(String presented) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(properties.resolveUri()).timeout(properties.timeout())
                    .header("Authorization", "Bearer " + serviceTokens.token())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("key", presented))))
                    .build();
        } catch (IllegalStateException e) {
            throw new ResolutionUnavailable("no service token to ask account with: " + e.getMessage(), e);
        }
        try {
            HttpResponse<String> response = http().send(request, HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 200 -> Optional.of(json.readValue(response.body(), ApiKeyResolution.class));
                case 404 -> Optional.empty();
                default -> throw new ResolutionUnavailable("account answered " + response.statusCode()
                        + " to an API key resolution", null);
            };
        } catch (IOException | tools.jackson.core.JacksonException e) {
            throw new ResolutionUnavailable("account's API key resolution failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResolutionUnavailable("interrupted while resolving an API key", e);
        }
    }
}
