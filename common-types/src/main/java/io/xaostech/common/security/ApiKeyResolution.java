package io.xaostech.common.security;

import io.xaostech.common.id.UserId;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What account answers on {@code POST /internal/api-keys/resolve} for a valid key: whose it is, what it may do,
 * and the plan whose limits apply.
 *
 * @param keyId     the key's id (not secret)
 * @param userId    the owner
 * @param scopes    what the key may be used for
 * @param plan      the owner's plan: {@code user} or {@code supporter}
 * @param expiresAt when the key stops working, or null
 */
public record ApiKeyResolution(UUID keyId, UserId userId, Set<ApiKeyScope> scopes, String plan, Instant expiresAt) {
}
