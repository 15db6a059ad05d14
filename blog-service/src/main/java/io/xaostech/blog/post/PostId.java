package io.xaostech.blog.post;

import java.util.Objects;
import java.util.UUID;

/** A post's stable id; its slug may change, its id never does. */
public record PostId(UUID value) {

    public PostId {
        Objects.requireNonNull(value, "value");
    }

    static PostId random() {
        return new PostId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
