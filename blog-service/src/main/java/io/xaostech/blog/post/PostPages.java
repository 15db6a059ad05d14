package io.xaostech.blog.post;

import io.xaostech.platform.jdbc.KeysetCursor;

import io.xaostech.common.page.Page;
import java.util.List;
import java.util.function.Function;

/** Turns "limit + 1 rows" into a page and the cursor after its last item. */
final class PostPages {

    private PostPages() {
    }

    static <T> Page<T> page(List<Post> rows, int limit, Function<Post, KeysetCursor> cursorOf, Function<Post, T> view) {
        boolean more = rows.size() > limit;
        List<Post> items = more ? rows.subList(0, limit) : rows;
        return new Page<>(items.stream().map(view).toList(),
                more ? cursorOf.apply(items.get(items.size() - 1)).encode() : null);
    }
}
