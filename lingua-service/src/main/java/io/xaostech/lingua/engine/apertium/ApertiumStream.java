package io.xaostech.lingua.engine.apertium;

/**
 * Plain text to and from Apertium's stream format: the characters the format gives meaning to are escaped with a
 * backslash, control characters (NUL ends a segment in null-flush mode) become spaces, and each segment ends with
 * an empty superblank {@code []} so every stage flushes the last word. A tilde is carried in a superblank
 * ({@code [~]}): the post-generator drops it even escaped. Superblanks come back as their content.
 */
final class ApertiumStream {

    private static final String SPECIAL = "[]{}^$/\\@<>*#+|";

    private ApertiumStream() {
    }

    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '~') {
                out.append("[~]");
            } else if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if (c < 0x20 && c != '\n' && c != '\t') {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.append("[]").toString();
    }

    /** The text of a translated segment: escapes undone, superblanks replaced by what they carry. */
    static String decode(String stream) {
        StringBuilder out = new StringBuilder(stream.length());
        boolean inBlank = false;
        for (int i = 0; i < stream.length(); i++) {
            char c = stream.charAt(i);
            if (c == '\\' && i + 1 < stream.length()) {
                out.append(stream.charAt(++i));
            } else if (c == '[' && !inBlank) {
                inBlank = true;
            } else if (c == ']' && inBlank) {
                inBlank = false;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
