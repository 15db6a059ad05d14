package io.xaostech.lingua.memory;

import java.time.Instant;
import java.util.UUID;

/**
 * A term of one direction that machine translation must not touch: kept as it is ({@code translation} null, for
 * brand names such as XAOSTECH) or always rendered as {@code translation}. Matched as a whole word, case-sensitively.
 */
public record GlossaryEntry(UUID id, String source, String target, String term, String translation,
                            Instant updatedAt) {

    /** What the term becomes in the target language. */
    public String rendering() {
        return translation == null ? term : translation;
    }
}
