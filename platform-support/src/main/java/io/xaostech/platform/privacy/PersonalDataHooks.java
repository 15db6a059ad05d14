package io.xaostech.platform.privacy;

import java.util.UUID;

/**
 * What a service holding personal data implements (as a bean): it then answers data-service's
 * {@code GET /internal/privacy/export/{userId}} and {@code POST /internal/privacy/erase/{userId}} (service tokens
 * only) and erases on account's {@code UserDeleted}. Erasure must be idempotent.
 */
public interface PersonalDataHooks {

    /** Everything the service holds about the person, as a JSON-serialisable record. */
    Object export(UUID userId);

    /** Erases or anonymises it by the service's documented rule; answers what changed. */
    Object erase(UUID userId);
}
