package io.xaostech.lingua.engine;

import io.xaostech.lingua.language.LanguagePair;
import java.util.List;
import java.util.Set;

/**
 * A machine translator of plain text. Implementations translate each text of a call independently and keep
 * its line breaks and surrounding spaces; they are thread-safe.
 */
public interface TranslationEngine {

    /** Short stable name, used in routes and cache keys ({@code apertium}, {@code upstream}). */
    String id();

    /** Changes whenever the same input may translate differently (new data, new upstream), so caches move on. */
    String version(LanguagePair pair);

    /** The pairs it can translate now. */
    Set<LanguagePair> pairs();

    /**
     * One translation per text, in order.
     *
     * @throws EngineUnavailable when it cannot translate now (busy, down, circuit open)
     */
    List<String> translate(LanguagePair pair, List<String> texts);
}
