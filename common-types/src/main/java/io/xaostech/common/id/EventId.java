package io.xaostech.common.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identity of one event; consumers deduplicate on it (delivery is at-least-once). */
public record EventId(UUID value) {

    public EventId {
        Objects.requireNonNull(value, "event id");
    }

    @JsonCreator
    public static EventId of(String value) {
        return new EventId(Ids.parse(value, "event id"));
    }

    public static EventId random() {
        return new EventId(UUID.randomUUID());
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
