package io.xaostech.platform.jdbc;

import io.xaostech.common.page.Page;
import java.util.List;
import java.util.function.Function;

/** Turns rows fetched as "limit + 1" into one page and the cursor after its last item (none on the last page). */
public final class Pages {

    private Pages() {
    }

    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, String> cursorAfter, Function<R, T> view) {
        boolean more = rows.size() > limit;
        List<R> items = more ? rows.subList(0, limit) : rows;
        return new Page<>(items.stream().map(view).toList(), more ? cursorAfter.apply(items.get(items.size() - 1)) : null);
    }

    /** The rows a page will show of rows fetched as "limit + 1". */
    public static <R> List<R> shown(List<R> rows, int limit) {
        return rows.size() > limit ? rows.subList(0, limit) : rows;
    }
}
