package io.xaostech.common.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** What an API key may be used for; a key carries one or more. */
public enum ApiKeyScope {
    /** Read public and own resources through the REST API. */
    READ,
    /** Create and change own resources through the REST API. */
    WRITE,
    /** Use the translation API (lingua). */
    TRANSLATE;

    /** Wire name: lower case. */
    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ApiKeyScope of(String value) {
        return Arrays.stream(values())
                .filter(s -> s.value().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown API key scope '" + value
                        + "'; known: read, write, translate"));
    }
}
