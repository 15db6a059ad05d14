package io.xaostech.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.xaostech.gateway.config.GatewayProperties;
import io.xaostech.platform.dependency.DependencyFailures;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * account's public keys, fetched without blocking and kept in memory: refreshed on a schedule, and at once when a
 * token names a key id not seen yet (a rotation) — but at most once per {@code jwks-min-refresh-interval}, so
 * tokens with made-up key ids cannot make the gateway hammer account. Concurrent misses share one fetch. If a
 * fetch fails, the keys known before stay in use and a new fetch is allowed after a second.
 */
@Component
class JwksCache {

    /** A verifier for one published key, with the algorithm family it verifies. */
    record VerificationKey(JWSVerifier verifier, String keyType) {
    }

    private static final Logger log = LoggerFactory.getLogger(JwksCache.class);
    private static final java.time.Duration FAILED_FETCH_BACKOFF = java.time.Duration.ofSeconds(1);

    private final WebClient web;
    private final GatewayProperties.Auth settings;
    private final Clock clock;
    private final DependencyFailures failures;
    private volatile Map<String, VerificationKey> keys = Map.of();
    /** Until when a fetch for an unknown key id is not allowed again. */
    private volatile Instant nextFetchAllowed = Instant.EPOCH;
    private final AtomicReference<Mono<Map<String, VerificationKey>>> inFlight = new AtomicReference<>();

    JwksCache(WebClient web, GatewayProperties properties, Clock clock, DependencyFailures failures) {
        this.web = web;
        this.failures = failures;
        this.settings = properties.auth();
        this.clock = clock;
    }

    /** The key with this id, fetching the key set again if it is unknown and a fetch is allowed now. */
    Mono<VerificationKey> key(String kid) {
        VerificationKey known = keys.get(kid);
        if (known != null) {
            return Mono.just(known);
        }
        if (clock.instant().isBefore(nextFetchAllowed)) {
            return Mono.empty();
        }
        return refresh().mapNotNull(fresh -> fresh.get(kid));
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${xaos.gateway.auth.jwks-refresh-interval:5m}")
    void refreshOnSchedule() {
        refresh().subscribe();
    }

    /** One fetch at a time; callers arriving meanwhile wait for the same one. */
    Mono<Map<String, VerificationKey>> refresh() {
        Mono<Map<String, VerificationKey>> running = inFlight.get();
        if (running != null) {
            return running;
        }
        Mono<Map<String, VerificationKey>> fetch = web.get().uri(settings.jwksUri()).retrieve()
                .bodyToMono(String.class)
                .timeout(settings.callTimeout())
                .map(JwksCache::parse)
                .doOnNext(fresh -> {
                    if (!fresh.keySet().equals(keys.keySet())) {
                        log.info("Signing keys from {}: {}", settings.jwksUri(), fresh.keySet());
                    }
                    keys = fresh;
                    nextFetchAllowed = clock.instant().plus(settings.jwksMinRefreshInterval());
                })
                .onErrorResume(e -> {
                    failures.record("account", "keep-known-keys", "fetch signing keys from " + settings.jwksUri()
                            + " (keeping " + keys.size() + " known)", e);
                    // A failed fetch (account still starting, say) may be retried soon, not only after the full
                    // interval: otherwise every token is refused for that long.
                    nextFetchAllowed = clock.instant().plus(FAILED_FETCH_BACKOFF);
                    return Mono.just(keys);
                })
                .doFinally(signal -> inFlight.set(null))
                .cache();
        return inFlight.compareAndSet(null, fetch) ? fetch : Optional.ofNullable(inFlight.get()).orElse(fetch);
    }

    private static Map<String, VerificationKey> parse(String json) {
        try {
            Map<String, VerificationKey> parsed = new HashMap<>();
            for (JWK jwk : JWKSet.parse(json).getKeys()) {
                if (jwk.getKeyID() == null || (jwk.getKeyUse() != null && jwk.getKeyUse() != KeyUse.SIGNATURE)) {
                    continue;
                }
                if (jwk instanceof RSAKey rsa) {
                    parsed.put(jwk.getKeyID(), new VerificationKey(new RSASSAVerifier(rsa), "RSA"));
                } else if (jwk instanceof ECKey ec) {
                    parsed.put(jwk.getKeyID(), new VerificationKey(new ECDSAVerifier(ec), "EC"));
                }
            }
            return Map.copyOf(parsed);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Unreadable key set: " + e.getMessage(), e);
        }
    }
}
