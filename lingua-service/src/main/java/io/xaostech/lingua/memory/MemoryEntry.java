package io.xaostech.lingua.memory;

import java.time.Instant;
import java.util.UUID;

/** One curated translation of a whole text (a segment) in one direction; {@code origin} is curated or import. */
public record MemoryEntry(UUID id, String source, String target, String sourceText, String targetText,
                          String origin, Instant createdAt, Instant updatedAt) {

    /** Longest source text an entry may hold. */
    public static final int MAX_SOURCE = 10_000;
    /** Longest target text an entry may hold. */
    public static final int MAX_TARGET = 20_000;
}
