package io.xaostech.blog.post;

import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.blog.BlogApiTestBase;
import io.xaostech.common.problem.ProblemType;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Search ranks and highlights safely; the reader cache serves repeats and forgets on every change. */
class SearchAndCacheTest extends BlogApiTestBase {

    @Test
    void searchRanksTitleMatchesFirstAndHighlightsSafely() {
        String word = uniqueWord();
        String inBody = publish("Something else", "Fish & Chips < Pie and " + word + " is in the body.", null);
        String inTitle = publish("All about " + word, "The body says " + word + " too.", null);
        publish("Unrelated", "Nothing to see.", null);

        HttpResponse<String> found = get("/api/v1/blog/search?q=" + word, null);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(JsonPath.<List<String>>read(found.body(), "$.items[*].id")).containsExactly(inTitle, inBody);
        String snippet = JsonPath.read(found.body(), "$.items[1].snippet");
        assertThat(snippet).contains("<mark>" + word + "</mark>", "Fish &amp; Chips &lt; Pie");
    }

    @Test
    void searchFindsNothingInDraftsAndRejectsBadQueries() {
        String word = uniqueWord();
        send("POST", "/api/v1/blog/admin/posts", admin, post("Draft " + word, "x", null));
        assertThat(JsonPath.<List<Object>>read(get("/api/v1/blog/search?q=" + word, null).body(), "$.items")).isEmpty();
        assertProblem(get("/api/v1/blog/search?q=%20", null), 400, ProblemType.INVALID_REQUEST);
        assertProblem(get("/api/v1/blog/search?q=" + "a".repeat(201), null), 400, ProblemType.INVALID_REQUEST);
        assertProblem(get("/api/v1/blog/search?q=x&limit=51", null), 400, ProblemType.INVALID_REQUEST);
        assertThat(get("/api/v1/blog/search?q=%22unbalanced%20(quote%20-", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aCachedPostIsServedFromRedisUntilTheNextChange() {
        String id = publish("Cached title", "Cached body", null);
        String slug = JsonPath.read(get("/api/v1/blog/admin/posts/" + id, admin).body(), "$.slug");
        assertThat(get("/api/v1/blog/posts/" + slug, null).body()).contains("Cached title");

        // Changed behind the service's back: a cached read still shows the old title...
        jdbc.sql("update posts set title = 'Changed in the database' where id = ?::uuid").param(id).update();
        assertThat(get("/api/v1/blog/posts/" + slug, null).body()).contains("Cached title");

        // ...and any change through the API retires the cache at once.
        assertThat(send("PUT", "/api/v1/blog/admin/posts/" + id, admin,
                post("Archived now", "x", "\"status\":\"ARCHIVED\""), "If-Match", "\"0\"").statusCode()).isEqualTo(200);
        assertProblem(get("/api/v1/blog/posts/" + slug, null), 404, ProblemType.NOT_FOUND);
    }

    @Test
    void anUnchangedPostCostsA304() {
        String id = publish("Conditional", "x", null);
        String slug = JsonPath.read(get("/api/v1/blog/admin/posts/" + id, admin).body(), "$.slug");
        HttpResponse<String> first = get("/api/v1/blog/posts/" + slug, null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValueSatisfying(cc -> assertThat(cc).contains("no-cache"));
        assertThat(get("/api/v1/blog/posts/" + slug, null, "If-None-Match", etag).statusCode()).isEqualTo(304);
    }
}
