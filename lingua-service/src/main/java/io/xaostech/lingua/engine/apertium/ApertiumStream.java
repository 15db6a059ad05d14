package io.xaostech.lingua.engine.apertium;

/**
 * Plain text to and from Apertium's stream format: the characters the format gives meaning to are escaped with a
 * backslash, control characters (NUL ends a segment in null-flush mode) become spaces, and each segment ends with
 * an empty superblank {@code []} so every stage flushes the last word.
 */
final class ApertiumStream {

    private static final String SPECIAL = "[]{}^$/\\@<>*#+~|";

    private ApertiumStream() {
    }

    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if (c < 0x20 && c != '\n' && c != '\t') {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.append("[]").toString();
    }

    /** The text of a translated segment: escapes undone, the superblanks this side added removed. */
    static String decode(String stream) {
        StringBuilder out = new StringBuilder(stream.length());
        for (int i = 0; i < stream.length(); i++) {
            char c = stream.charAt(i);
            if (c == '\\' && i + 1 < stream.length()) {
                out.append(stream.charAt(++i));
            } else if (c == '[' && i + 1 < stream.length() && stream.charAt(i + 1) == ']') {
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
