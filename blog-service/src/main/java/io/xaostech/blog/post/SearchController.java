package io.xaostech.blog.post;

import io.xaostech.common.page.Page;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.jdbc.Pages;
import io.xaostech.platform.web.ProblemException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/blog/search?q=...}: published posts matching the words, best first. */
@RestController
class SearchController {

    static final int MAX_LIMIT = 50;
    /** Deeper than this nobody reads; it also bounds the work one request can ask for. */
    static final int MAX_OFFSET = 1_000;

    private final PostSearch search;

    SearchController(PostSearch search) {
        this.search = search;
    }

    @GetMapping("/api/v1/blog/search")
    Page<PostSearch.Hit> search(@RequestParam @NotBlank @Size(max = 200) String q,
                                @RequestParam(defaultValue = "10") @Min(1) @Max(MAX_LIMIT) int limit,
                                @RequestParam(required = false) @Size(max = 10) String cursor) {
        int offset = offset(cursor);
        List<PostSearch.Hit> hits = search.search(q, offset, limit + 1);
        Page<PostSearch.Hit> page = Pages.of(hits, limit, hit -> String.valueOf(offset + limit), hit -> hit);
        return offset + limit < MAX_OFFSET ? page : Page.last(page.items());
    }

    private static int offset(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(cursor);
            if (offset >= 0 && offset < MAX_OFFSET) {
                return offset;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ProblemException(ProblemType.INVALID_REQUEST, "The cursor is not one this API gave out.");
    }
}
