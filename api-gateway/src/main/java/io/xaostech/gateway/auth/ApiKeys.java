package io.xaostech.gateway.auth;

import io.xaostech.common.security.ApiKeyFormat;
import io.xaostech.common.security.ApiKeyResolution;
import io.xaostech.common.security.ApiKeyScope;
import io.xaostech.gateway.config.GatewayProperties;
import io.xaostech.platform.crypto.Sha256;
import io.xaostech.platform.redis.Keyspace;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * Resolves presented API keys through account ({@code POST /internal/api-keys/resolve}, with the gateway's
 * service token) and caches the answer — and unknown keys too — in Redis under {@code api:key:<sha256>} for
 * {@code api-key-cache-ttl}, so a revoked key stops working within that time. Keys that do not even have the
 * key format are refused without asking anyone. When Redis is unreachable, account is asked directly.
 */
@Component
class ApiKeys {

    private static final String UNKNOWN = "-";

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private final WebClient web;
    private final ServiceToken serviceToken;
    private final ReactiveStringRedisTemplate redis;
    private final Keyspace keyspace;
    private final GatewayProperties.Auth settings;

    ApiKeys(WebClient web, ServiceToken serviceToken, ReactiveStringRedisTemplate redis, Keyspace keyspace,
            GatewayProperties properties) {
        this.web = web;
        this.serviceToken = serviceToken;
        this.redis = redis;
        this.keyspace = keyspace;
        this.settings = properties.auth();
    }

    /** The key's principal, or empty if the key is not (or no longer) valid. */
    Mono<Optional<EdgePrincipal>> resolve(String presented) {
        if (!ApiKeyFormat.isWellFormed(presented)) {
            return Mono.just(Optional.empty());
        }
        String cacheKey = keyspace.key("key", Sha256.hex(presented));
        return redis.opsForValue().get(cacheKey)
                .map(ApiKeys::decode)
                .onErrorResume(e -> {
                    log.warn("API key cache unreachable ({}); asking account directly", e.toString());
                    return Mono.empty();
                })
                .switchIfEmpty(Mono.defer(() -> askAccount(presented).flatMap(answer -> redis.opsForValue()
                        .set(cacheKey, encode(answer), settings.apiKeyCacheTtl())
                        .onErrorReturn(false)
                        .thenReturn(answer))));
    }

    private Mono<Optional<EdgePrincipal>> askAccount(String presented) {
        return serviceToken.get().flatMap(token -> web.post().uri(settings.apiKeyResolveUri())
                        .headers(h -> h.setBearerAuth(token))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("key", presented))
                        .retrieve()
                        .bodyToMono(ApiKeyResolution.class)
                        .map(resolution -> Optional.of(principalOf(resolution))))
                .timeout(settings.callTimeout())
                .onErrorResume(WebClientResponseException.class, e -> {
                    if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                        return Mono.just(Optional.empty());
                    }
                    if (e.getStatusCode() == HttpStatus.UNAUTHORIZED) {
                        serviceToken.discard();
                    }
                    return Mono.error(e);
                });
    }

    private static EdgePrincipal principalOf(ApiKeyResolution resolution) {
        return new EdgePrincipal(EdgePrincipal.Kind.API_KEY, resolution.userId().value().toString(),
                resolution.keyId().toString(), Set.of(),
                resolution.scopes().stream().map(ApiKeyScope::value).collect(Collectors.toUnmodifiableSet()),
                "key-" + resolution.plan());
    }

    /** Cached as {@code keyId|userId|scope,scope|plan}, or {@value #UNKNOWN} for a key that is not valid. */
    private static String encode(Optional<EdgePrincipal> principal) {
        return principal.map(p -> String.join("|", p.keyId(), p.subject(), String.join(",", p.scopes()), p.plan()))
                .orElse(UNKNOWN);
    }

    private static Optional<EdgePrincipal> decode(String cached) {
        String[] parts = cached.split("\\|", -1);
        if (UNKNOWN.equals(cached) || parts.length != 4) {
            return Optional.empty();
        }
        Set<String> scopes = parts[2].isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(parts[2].split(",")));
        return Optional.of(new EdgePrincipal(EdgePrincipal.Kind.API_KEY, parts[1], parts[0], Set.of(), scopes, parts[3]));
    }
}
