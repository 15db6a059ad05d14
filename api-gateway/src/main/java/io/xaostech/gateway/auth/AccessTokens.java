package io.xaostech.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.xaostech.common.security.ClaimNames;
import io.xaostech.common.security.Role;
import io.xaostech.gateway.config.GatewayProperties;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Verifies account's access tokens: signature by a published key whose type fits the algorithm, the algorithm
 * on the allow-list (so {@code none} and HMAC with the public key are refused), {@code iss}, {@code aud},
 * {@code exp} and {@code nbf} with a small skew. A verified token is remembered until it expires, so a client
 * sending the same token again costs a map look-up rather than a signature check.
 */
@Component
class AccessTokens {

    /** Why a token was refused; the message goes to the client in {@code WWW-Authenticate}. */
    static final class InvalidToken extends RuntimeException {
        InvalidToken(String message) {
            super(message, null, false, false);
        }
    }

    private record Verified(EdgePrincipal principal, Instant expiresAt) {
    }

    private final JwksCache keys;
    private final GatewayProperties.Auth settings;
    private final Set<JWSAlgorithm> algorithms;
    private final Clock clock;
    private final Cache<String, Verified> verified;

    AccessTokens(JwksCache keys, GatewayProperties properties, Clock clock) {
        this.keys = keys;
        this.settings = properties.auth();
        this.algorithms = settings.algorithms().stream().map(JWSAlgorithm::parse).collect(java.util.stream.Collectors.toSet());
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(50_000).expireAfter(new Expiry<String, Verified>() {
            @Override
            public long expireAfterCreate(String token, Verified value, long now) {
                return Math.max(0, Duration.between(clock.instant(), value.expiresAt()).toNanos());
            }

            @Override
            public long expireAfterUpdate(String token, Verified value, long now, long current) {
                return current;
            }

            @Override
            public long expireAfterRead(String token, Verified value, long now, long current) {
                return current;
            }
        }).build();
    }

    Mono<EdgePrincipal> verify(String token) {
        Verified known = verified.getIfPresent(token);
        if (known != null && clock.instant().isBefore(known.expiresAt())) {
            return Mono.just(known.principal());
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException | IllegalArgumentException e) {
            return Mono.error(new InvalidToken("The token is not a signed JWT."));
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!algorithms.contains(algorithm)) {
            return Mono.error(new InvalidToken("The token's algorithm is not accepted."));
        }
        String kid = jwt.getHeader().getKeyID();
        if (kid == null || kid.isBlank()) {
            return Mono.error(new InvalidToken("The token names no key."));
        }
        return keys.key(kid)
                .switchIfEmpty(Mono.error(() -> new InvalidToken("The token was signed by an unknown key.")))
                .map(key -> {
                    Verified result = check(jwt, algorithm, key);
                    verified.put(token, result);
                    return result.principal();
                });
    }

    private Verified check(SignedJWT jwt, JWSAlgorithm algorithm, JwksCache.VerificationKey key) {
        boolean fits = JWSAlgorithm.Family.RSA.contains(algorithm) ? key.keyType().equals("RSA")
                : JWSAlgorithm.Family.EC.contains(algorithm) && key.keyType().equals("EC");
        try {
            if (!fits || !jwt.verify(key.verifier())) {
                throw new InvalidToken("The token's signature is not valid.");
            }
            return verifiedClaims(jwt.getJWTClaimsSet());
        } catch (JOSEException | ParseException e) {
            throw new InvalidToken("The token's signature is not valid.");
        }
    }

    private Verified verifiedClaims(JWTClaimsSet claims) throws ParseException {
        Instant now = clock.instant();
        Duration skew = settings.clockSkew();
        if (!settings.issuer().toString().equals(claims.getIssuer())) {
            throw new InvalidToken("The token comes from another issuer.");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(settings.audience())) {
            throw new InvalidToken("The token is not meant for this API.");
        }
        Date expires = claims.getExpirationTime();
        if (expires == null || !now.isBefore(expires.toInstant().plus(skew))) {
            throw new InvalidToken("The token has expired.");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(skew).isBefore(notBefore.toInstant())) {
            throw new InvalidToken("The token is not valid yet.");
        }
        if (claims.getSubject() == null) {
            throw new InvalidToken("The token names no subject.");
        }
        List<String> roleClaim = claims.getStringListClaim(ClaimNames.ROLES);
        Set<String> roles = roleClaim == null ? Set.of() : Set.copyOf(roleClaim);
        String scope = claims.getStringClaim(ClaimNames.SCOPE);
        Set<String> scopes = scope == null ? Set.of() : new HashSet<>(Arrays.asList(scope.trim().split("\\s+")));
        String plan = roles.contains(Role.SUPPORTER.name()) ? "supporter" : "user";
        EdgePrincipal principal = new EdgePrincipal(EdgePrincipal.Kind.USER, claims.getSubject(), null, roles,
                Set.copyOf(scopes), plan);
        return new Verified(principal, expires.toInstant().plus(skew));
    }
}
