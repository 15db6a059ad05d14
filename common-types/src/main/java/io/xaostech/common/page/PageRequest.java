package io.xaostech.common.page;

/**
 * A request for one page of a cursor-paginated list. The limit is clamped to {@code [1, MAX_LIMIT]}; the cursor
 * is opaque to clients and comes from a previous {@link Page#nextCursor()}.
 */
public record PageRequest(int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_CURSOR_LENGTH = 512;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (cursor != null && (cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH)) {
            throw new IllegalArgumentException("cursor must be between 1 and " + MAX_CURSOR_LENGTH + " characters");
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    public static PageRequest firstDefault() {
        return new PageRequest(DEFAULT_LIMIT, null);
    }
}
