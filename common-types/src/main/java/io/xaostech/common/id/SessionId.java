package io.xaostech.common.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** An account session (a sign-in); the {@code sid} claim of tokens issued within it. */
public record SessionId(UUID value) {

    public SessionId {
        Objects.requireNonNull(value, "session id");
    }

    @JsonCreator
    public static SessionId of(String value) {
        return new SessionId(Ids.parse(value, "session id"));
    }

    public static SessionId random() {
        return new SessionId(UUID.randomUUID());
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
