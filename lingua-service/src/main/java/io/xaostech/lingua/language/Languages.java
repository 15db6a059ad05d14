package io.xaostech.lingua.language;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Language codes as the API speaks them (ISO 639-1 where one exists) and their English names. */
public final class Languages {

    private static final Pattern CODE = Pattern.compile("[a-zA-Z]{2,3}");
    private static final Map<String, String> BY_ISO3 = new HashMap<>();

    static {
        for (String code : Locale.getISOLanguages()) {
            try {
                BY_ISO3.put(new Locale(code).getISO3Language(), code);
            } catch (java.util.MissingResourceException e) {
                // no three-letter code known: the two-letter one is all there is
            }
        }
    }

    private Languages() {
    }

    /**
     * The API's code of a language given as ISO 639-1 or 639-3 ({@code EN}, {@code eng} → {@code en}), or empty
     * if it is not a language code at all.
     */
    public static Optional<String> normalize(String code) {
        if (code == null || !CODE.matcher(code.strip()).matches()) {
            return Optional.empty();
        }
        String lower = code.strip().toLowerCase(Locale.ROOT);
        if (lower.length() == 3) {
            return Optional.of(BY_ISO3.getOrDefault(lower, lower));
        }
        return Optional.of(lower);
    }

    /** The language's English name ({@code es} → {@code Spanish}); the code itself when Java knows no name. */
    public static String name(String code) {
        String name = new Locale(code).getDisplayLanguage(Locale.ENGLISH);
        return name.isBlank() ? code : name;
    }
}
