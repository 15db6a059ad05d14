package io.xaostech.lingua.translate;

import java.util.Locale;
import java.util.Optional;

/** What a {@code q} is: plain text, or HTML whose text nodes are translated and markup kept. */
public enum Format {
    TEXT, HTML;

    public static Optional<Format> of(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(TEXT);
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> Optional.of(TEXT);
            case "html" -> Optional.of(HTML);
            default -> Optional.empty();
        };
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
