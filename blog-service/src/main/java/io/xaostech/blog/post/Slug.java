package io.xaostech.blog.post;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** The readable part of a post's URL: lower-case words of letters and digits joined by single hyphens. */
record Slug(String value) {

    static final String PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";
    static final int MAX_LENGTH = 200;
    private static final Pattern VALID = Pattern.compile(PATTERN);
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");

    Slug {
        if (value == null || value.length() > MAX_LENGTH || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("A slug is 1 to " + MAX_LENGTH
                    + " lower-case letters and digits in words joined by single hyphens");
        }
    }

    /** The slug a title suggests: accents dropped, everything else that is not a letter or digit a hyphen. */
    static Slug fromTitle(String title) {
        String ascii = MARKS.matcher(Normalizer.normalize(title, Normalizer.Form.NFKD)).replaceAll("");
        String slug = SEPARATORS.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-").replaceAll("^-|-$", "");
        if (slug.length() > MAX_LENGTH - 12) {
            slug = slug.substring(0, MAX_LENGTH - 12).replaceAll("-[a-z0-9]*$", "");
        }
        return new Slug(slug.isEmpty() ? "post" : slug);
    }

    /** The same slug with a numeric suffix, for the next free one. */
    Slug withSuffix(int n) {
        return new Slug(value + "-" + n);
    }
}
