package io.xaostech.lingua.translate;

import io.xaostech.lingua.memory.GlossaryEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps glossary terms away from the engine: each whole-word occurrence is replaced by a placeholder the engines
 * pass through untouched ({@code ZZG0ZZ}, an unknown all-capitals word), and after translation each placeholder
 * becomes the term's fixed rendering. Terms are tried longest first.
 */
final class GlossaryProtection {

    private static final Pattern PLACEHOLDER = Pattern.compile("ZZG(\\d+)ZZ", Pattern.CASE_INSENSITIVE);

    private final Pattern terms;
    private final List<GlossaryEntry> entries;
    private final Map<String, String> renderingByTerm = new HashMap<>();

    /** A text with its terms hidden, and what each placeholder stands for. */
    record Protected(String text, List<String> renderings) {
    }

    GlossaryProtection(List<GlossaryEntry> longestFirst) {
        this.entries = longestFirst;
        longestFirst.forEach(entry -> renderingByTerm.putIfAbsent(entry.term(), entry.rendering()));
        if (longestFirst.isEmpty()) {
            this.terms = null;
            return;
        }
        StringBuilder alternatives = new StringBuilder();
        for (GlossaryEntry entry : longestFirst) {
            alternatives.append(alternatives.isEmpty() ? "" : "|").append(Pattern.quote(entry.term()));
        }
        this.terms = Pattern.compile("(?<![\\p{L}\\p{N}])(" + alternatives + ")(?![\\p{L}\\p{N}])");
    }

    /** Whether this was built from exactly these terms (the glossary hands out one list per snapshot and pair). */
    boolean isFor(List<GlossaryEntry> longestFirst) {
        return entries == longestFirst;
    }

    Protected protect(String text) {
        if (terms == null) {
            return new Protected(text, List.of());
        }
        Matcher matcher = terms.matcher(text);
        List<String> renderings = new ArrayList<>();
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            String term = matcher.group(1);
            String rendering = renderingByTerm.getOrDefault(term, term);
            matcher.appendReplacement(out, "ZZG" + renderings.size() + "ZZ");
            renderings.add(rendering);
        }
        matcher.appendTail(out);
        return new Protected(out.toString(), renderings);
    }

    static String restore(String translated, List<String> renderings) {
        if (renderings.isEmpty()) {
            return translated;
        }
        Matcher matcher = PLACEHOLDER.matcher(translated);
        StringBuilder out = new StringBuilder(translated.length());
        while (matcher.find()) {
            int index = Integer.parseInt(matcher.group(1));
            String rendering = index < renderings.size() ? renderings.get(index) : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(rendering));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
