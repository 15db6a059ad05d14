package io.xaostech.data.consent;

import java.time.Instant;
import java.util.UUID;

/** One entry of the consent log, as stored: never changed, only anonymised when its subject is erased. */
public record ConsentRecord(UUID id, String subjectKind, String subjectId, String purpose, Decision decision,
                            int noticeVersion, String noticeSha256, Method method, Instant recordedAt,
                            String ipTruncated, String userAgent) {
}
