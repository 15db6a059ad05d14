package io.xaostech.portfolio.showcase;

import io.xaostech.portfolio.content.ContentFile;

/** The tag and technology a list may be filtered by, as visitors and clients send them. */
public record Filters(String tag, String tech) {

    /** Blank means no filter; anything else must look like a label (at most 40 letters, digits, " .+#/-"). */
    public static Filters of(String tag, String tech) {
        return new Filters(blankToNull(tag), blankToNull(tech));
    }

    /** The name of the first parameter that is not a possible label, or null when both are fine. */
    public String invalidParameter() {
        if (tag != null && !ContentFile.LABEL.matcher(tag).matches()) {
            return "tag";
        }
        return tech != null && !ContentFile.LABEL.matcher(tech).matches() ? "tech" : null;
    }

    public boolean any() {
        return tag != null || tech != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
