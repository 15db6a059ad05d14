package io.xaostech.data.request;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A privacy request and where it stands: {@code COMPLETED} only once every service's step is done. An export
 * offers its bundle at {@code exportLink} until {@code exportExpiresAt}.
 */
public record PrivacyRequest(UUID id, UUID userId, RequestKind kind, String status, UUID filedBy, String note,
                             Instant filedAt, Instant dueAt, Instant completedAt, List<Step> steps, String exportLink,
                             Instant exportExpiresAt) {

    /** One service's part: done, or pending with how many attempts failed and why. */
    public record Step(String service, String status, int attempts, Instant nextAttemptAt, String lastError,
                       String outcome, Instant doneAt) {
    }
}
