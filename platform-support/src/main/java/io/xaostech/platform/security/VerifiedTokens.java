package io.xaostech.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens that passed every check until they expire, so a client sending the same token again costs
 * a map look-up, not a signature check (the gateway does the same). Only valid tokens are kept; a token is
 * never used past its {@code exp}, and one that fails is checked again in full every time. A remembered token
 * stays accepted until it expires even if its signing key is withdrawn meanwhile: access tokens live minutes.
 */
final class VerifiedTokens implements JwtDecoder {

    /** A decoded token is a few KB; this bounds the cache to tens of MB per audience. */
    private static final int MAX_TOKENS = 10_000;

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder decoder, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfter(new Expiry<String, Jwt>() {
            @Override
            public long expireAfterCreate(String token, Jwt jwt, long now) {
                return untilExpiry(jwt);
            }

            @Override
            public long expireAfterUpdate(String token, Jwt jwt, long now, long current) {
                return untilExpiry(jwt);
            }

            @Override
            public long expireAfterRead(String token, Jwt jwt, long now, long current) {
                return current;
            }
        }).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null && known.getExpiresAt() != null && clock.instant().isBefore(known.getExpiresAt())) {
            return known;
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (BadJwtException e) {
            throw e;
        } catch (JwtException e) {
            if (causedBy(e, RateLimitReachedException.class)) {
                // A second unknown key id within the refresh interval: the key is not ours, not a server fault.
                throw new BadJwtException("The token's signing key is unknown.", e);
            }
            throw e;
        }
        if (jwt.getExpiresAt() != null) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private long untilExpiry(Jwt jwt) {
        Instant expiry = jwt.getExpiresAt();
        return expiry == null ? 0 : Math.max(0, Duration.between(clock.instant(), expiry).toNanos());
    }
}
