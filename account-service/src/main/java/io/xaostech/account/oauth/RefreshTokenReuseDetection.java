package io.xaostech.account.oauth;

import io.xaostech.account.audit.AuditLog;
import io.xaostech.account.config.AccountProperties;
import io.xaostech.platform.crypto.Sha256;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Refresh-token rotation with reuse detection (RFC 9700 section 4.14.2), around the JDBC authorization store:
 * when a rotation replaces a refresh token, the old one is remembered; when a remembered token is presented
 * again, the whole token family (the authorization) is revoked — unless it comes within a short grace window,
 * which spares a client that lost the response to its previous refresh (that request is refused, nothing more).
 */
class RefreshTokenReuseDetection extends ForwardingAuthorizationService {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokenReuseDetection.class);

    private final JdbcClient jdbc;
    private final Duration grace;
    private final AuditLog audit;
    private final Clock clock;

    RefreshTokenReuseDetection(OAuth2AuthorizationService delegate, JdbcClient jdbc, AccountProperties properties,
                               AuditLog audit, Clock clock) {
        super(delegate);
        this.audit = audit;
        this.jdbc = jdbc;
        this.grace = properties.refreshTokenReuseGrace();
        this.clock = clock;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        OAuth2Authorization previous = delegate.findById(authorization.getId());
        delegate.save(authorization);
        String replaced = refreshTokenOf(previous);
        if (replaced != null && !replaced.equals(refreshTokenOf(authorization))) {
            jdbc.sql("insert into refresh_token_uses (token_hash, authorization_id, used_at) values (?, ?, ?) "
                            + "on conflict (token_hash) do nothing")
                    .params(hash(replaced), authorization.getId(), Timestamp.from(clock.instant()))
                    .update();
        }
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        OAuth2Authorization found = delegate.findByToken(token, tokenType);
        if (found == null && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
            revokeFamilyIfReused(token);
        }
        return found;
    }

    private void revokeFamilyIfReused(String token) {
        record Use(String authorizationId, Instant usedAt) {
        }
        Optional<Use> use = jdbc.sql("select authorization_id, used_at from refresh_token_uses where token_hash = ?")
                .param(hash(token))
                .query((rs, i) -> new Use(rs.getString(1), rs.getTimestamp(2).toInstant()))
                .optional();
        if (use.isEmpty() || clock.instant().isBefore(use.get().usedAt().plus(grace))) {
            return;
        }
        OAuth2Authorization family = delegate.findById(use.get().authorizationId());
        if (family != null) {
            delegate.remove(family);
            audit.record(AuditLog.Type.REFRESH_TOKEN_REUSED, family.getRegisteredClientId(), family.getPrincipalName(),
                    "token family revoked: " + family.getId());
            log.warn("Refresh token reuse: revoked token family {} of client {} for {}", family.getId(),
                    family.getRegisteredClientId(), family.getPrincipalName());
        }
    }

    private static String refreshTokenOf(OAuth2Authorization authorization) {
        if (authorization == null) {
            return null;
        }
        OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
        return refresh == null ? null : refresh.getToken().getTokenValue();
    }

    static String hash(String token) {
        return Sha256.hex(token);
    }
}
