package io.xaostech.data.consent;

import java.time.Instant;

/**
 * A subject's current standing on one purpose. {@code allowed} is what other services act on: granted to the
 * current notice version (or an essential purpose). A decision made under an older notice needs re-consent.
 */
public record PurposeConsent(String purpose, Decision decision, Integer noticeVersion, int currentNoticeVersion,
                             boolean needsReconsent, boolean allowed, Instant decidedAt) {
}
