package io.xaostech.data.purpose;

import java.time.Instant;

/**
 * A purpose of processing with its current notice: the exact text people agree to, its version and SHA-256.
 * An essential purpose cannot be refused; a {@code gpcOptOut} one is withdrawn by the Global Privacy Control.
 */
public record Purpose(String code, String name, String description, boolean essential, boolean gpcOptOut,
                      int noticeVersion, String noticeText, String noticeSha256, Instant noticePublishedAt) {
}
