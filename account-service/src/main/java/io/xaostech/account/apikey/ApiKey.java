package io.xaostech.account.apikey;

import io.xaostech.common.id.UserId;
import io.xaostech.common.security.ApiKeyScope;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A stored API key, without its secret. */
record ApiKey(UUID id, UserId userId, String name, String prefix, String secretHash, Set<ApiKeyScope> scopes,
              Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
