package io.xaostech.lingua.language;

import java.util.Locale;
import java.util.regex.Pattern;

/** A translation direction between two ISO 639-1 languages, written {@code en-es}. */
public record LanguagePair(String source, String target) {

    private static final Pattern CODE = Pattern.compile("[a-z]{2,3}");

    public LanguagePair {
        if (!CODE.matcher(source).matches() || !CODE.matcher(target).matches()) {
            throw new IllegalArgumentException("Language codes are 2 or 3 lower-case letters: " + source + "-" + target);
        }
    }

    /** {@code en-es} (case ignored). */
    public static LanguagePair parse(String text) {
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("A language pair is written source-target, for example en-es: " + text);
        }
        return new LanguagePair(parts[0], parts[1]);
    }

    @Override
    public String toString() {
        return source + "-" + target;
    }
}
