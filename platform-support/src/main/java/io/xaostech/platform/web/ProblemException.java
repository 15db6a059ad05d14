package io.xaostech.platform.web;

import io.xaostech.common.problem.ProblemType;
import java.util.Map;
import java.util.Objects;

/**
 * Base of the typed exceptions a service throws for an expected failure; mapped once to a problem body
 * with the type's URI and status. Subclass it per failure ({@code PostNotFound}), one line each.
 */
public class ProblemException extends RuntimeException {

    /** A property that also becomes the {@code Retry-After} header (whole seconds, at least 1). */
    public static final String RETRY_AFTER_PROPERTY = "retryAfterSeconds";

    private final ProblemType type;
    private final Map<String, Object> properties;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    public ProblemException(ProblemType type, String detail, Map<String, Object> properties) {
        super(detail);
        this.type = Objects.requireNonNull(type, "type");
        this.properties = Map.copyOf(properties);
    }

    public ProblemType type() {
        return type;
    }

    /** Extra problem members, for example the id of the thing that was not found. */
    public Map<String, Object> properties() {
        return properties;
    }
}
