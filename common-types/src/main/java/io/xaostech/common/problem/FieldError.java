package io.xaostech.common.problem;

/** One invalid input named in a problem body's {@code errors} member. */
public record FieldError(String field, String message) {
}
