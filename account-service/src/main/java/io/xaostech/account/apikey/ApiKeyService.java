package io.xaostech.account.apikey;

import io.xaostech.account.audit.AuditLog;
import io.xaostech.common.id.UserId;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.ApiKeyResolution;
import io.xaostech.common.security.ApiKeyScope;
import io.xaostech.platform.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, listing, revoking and resolving API keys. */
@Service
class ApiKeyService {

    static final int MAX_ACTIVE_KEYS = 20;

    private final ApiKeys keys;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    ApiKeyService(ApiKeys keys, JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.keys = keys;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    record Created(ApiKey key, String secret) {
    }

    @Transactional
    Created create(UserId owner, String name, Set<ApiKeyScope> scopes, Instant expiresAt) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "expiresAt must be in the future.");
        }
        if (keys.activeOf(owner).size() >= MAX_ACTIVE_KEYS) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "You have " + MAX_ACTIVE_KEYS + " active API keys, the most allowed; revoke one first.");
        }
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key = new ApiKey(UUID.randomUUID(), owner, name.strip(), secret.prefix(), secret.hash(), Set.copyOf(scopes),
                now, expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS), null, null);
        keys.insert(key);
        audit.record(AuditLog.Type.API_KEY_CREATED, owner.toString(), owner.toString(), key.prefix());
        return new Created(key, secret.value());
    }

    @Transactional(readOnly = true)
    List<ApiKey> list(UserId owner) {
        return keys.activeOf(owner);
    }

    @Transactional
    void revoke(UserId owner, UUID id) {
        if (!keys.revoke(id, owner, clock.instant())) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No active API key " + id + ".", Map.of("keyId", id));
        }
        audit.record(AuditLog.Type.API_KEY_REVOKED, owner.toString(), owner.toString(), id.toString());
    }

    /** The owner and rights of a presented key; an unknown, wrong, revoked or expired key is simply not found. */
    @Transactional
    ApiKeyResolution resolve(String presented) {
        Instant now = clock.instant();
        ApiKey key = ApiKeySecret.parse(presented)
                .flatMap(secret -> keys.byPrefix(secret.prefix()).filter(k -> secret.matches(k.secretHash())))
                .filter(k -> k.usableAt(now))
                .filter(k -> ownerIsActive(k.userId()))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such API key."));
        keys.touch(key.id(), now);
        return new ApiKeyResolution(key.id(), key.userId(), key.scopes(), planOf(key.userId()), key.expiresAt());
    }

    private boolean ownerIsActive(UserId user) {
        return jdbc.sql("select status = 'ACTIVE' from users where id = ?").param(user.value())
                .query(Boolean.class).optional().orElse(false);
    }

    private String planOf(UserId user) {
        boolean supporter = jdbc.sql("select count(*) from user_roles where user_id = ? and role = 'SUPPORTER'")
                .param(user.value()).query(Integer.class).single() > 0;
        return supporter ? "supporter" : "user";
    }
}
