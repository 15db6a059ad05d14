package io.xaostech.common.id;

import java.util.UUID;

final class Ids {

    private Ids() {
    }

    /** Parses a canonical UUID, rejecting the lenient forms {@link UUID#fromString} accepts. */
    static UUID parse(String value, String what) {
        if (value == null || value.length() != 36) {
            throw new IllegalArgumentException("Malformed " + what + ": expected a UUID");
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Malformed " + what + ": expected a UUID", e);
        }
    }
}
