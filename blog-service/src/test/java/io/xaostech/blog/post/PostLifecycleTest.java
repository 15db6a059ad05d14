package io.xaostech.blog.post;

import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.blog.BlogApiTestBase;
import io.xaostech.common.problem.ProblemType;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An editor drafts, publishes, renames, edits, restores and deletes a post; readers see only what is published. */
class PostLifecycleTest extends BlogApiTestBase {

    private static final String ADMIN_POSTS = "/api/v1/blog/admin/posts";

    @Test
    void aDraftIsHiddenFromReadersUntilPublished() {
        HttpResponse<String> created = send("POST", ADMIN_POSTS, admin,
                post("Hello, Wörld: a first post!", "Some *Markdown* here.", "\"tags\":[\"intro\"]"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JsonPath.read(created.body(), "$.id");
        String slug = JsonPath.read(created.body(), "$.slug");
        assertThat(slug).isEqualTo("hello-world-a-first-post");
        assertThat((String) JsonPath.read(created.body(), "$.status")).isEqualTo("DRAFT");
        assertThat((String) JsonPath.read(created.body(), "$.authorId")).isEqualTo(adminId.toString());
        assertThat(created.headers().firstValue("ETag")).contains("\"0\"");

        assertProblem(get("/api/v1/blog/posts/" + slug, null), 404, ProblemType.NOT_FOUND);
        assertProblem(get("/api/v1/blog/posts/" + slug, reader), 404, ProblemType.NOT_FOUND);
        assertThat(get("/api/v1/blog/posts/" + slug, admin).statusCode()).as("editors preview drafts").isEqualTo(200);
        assertThat(get("/api/v1/blog/posts?tag=intro", null).body()).doesNotContain(id);

        HttpResponse<String> published = send("PUT", ADMIN_POSTS + "/" + id, admin,
                post("Hello, Wörld: a first post!", "Some *Markdown* here.", "\"tags\":[\"intro\"],\"status\":\"PUBLISHED\""),
                "If-Match", "\"0\"");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(published.headers().firstValue("ETag")).contains("\"1\"");

        HttpResponse<String> read = get("/api/v1/blog/posts/" + slug, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(read.body(), "$.html")).isEqualTo("<p>Some <em>Markdown</em> here.</p>");
        assertThat(read.body()).doesNotContain("bodyMarkdown");
        assertThat(get("/api/v1/blog/posts?tag=intro", null).body()).contains(id);
    }

    @Test
    void aRenamedPostRedirectsFromItsOldSlug() {
        String id = createPublished("Old name", "old-name-" + unique());
        String oldSlug = slugOf(id);
        String newSlug = "new-name-" + unique();
        HttpResponse<String> renamed = send("PUT", ADMIN_POSTS + "/" + id, admin,
                post("New name", "Body", "\"slug\":\"" + newSlug + "\",\"status\":\"PUBLISHED\""), "If-Match", "\"0\"");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);

        HttpResponse<String> old = get("/api/v1/blog/posts/" + oldSlug, null);
        assertThat(old.statusCode()).isEqualTo(301);
        assertThat(old.headers().firstValue("Location")).contains("/api/v1/blog/posts/" + newSlug);
        assertThat(get("/api/v1/blog/posts/" + newSlug, null).statusCode()).isEqualTo(200);

        send("PUT", ADMIN_POSTS + "/" + id, admin, post("New name", "Body", "\"slug\":\"" + newSlug + "\""),
                "If-Match", "\"1\"");
        assertProblem(get("/api/v1/blog/posts/" + oldSlug, null), 404, ProblemType.NOT_FOUND);
    }

    @Test
    void twoEditorsCannotOverwriteEachOther() {
        String id = createPublished("Contended", null);
        assertThat(send("PUT", ADMIN_POSTS + "/" + id, admin, post("First edit", "A", null), "If-Match", "\"0\"")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> second = send("PUT", ADMIN_POSTS + "/" + id, admin, post("Second edit", "B", null),
                "If-Match", "\"0\"");
        assertProblem(second, 412, ProblemType.PRECONDITION_FAILED);
        assertThat((Integer) JsonPath.read(second.body(), "$.currentVersion")).isEqualTo(1);
        assertProblem(send("PUT", ADMIN_POSTS + "/" + id, admin, post("No precondition", "C", null)),
                428, ProblemType.PRECONDITION_REQUIRED);
        assertThat((String) JsonPath.read(get(ADMIN_POSTS + "/" + id, admin).body(), "$.title")).isEqualTo("First edit");
    }

    @Test
    void everySaveIsARevisionAndAnOldOneCanBeRestored() {
        String id = createPublished("Version one", null);
        send("PUT", ADMIN_POSTS + "/" + id, admin, post("Version two", "Two", "\"status\":\"PUBLISHED\""), "If-Match", "\"0\"");

        HttpResponse<String> revisions = get(ADMIN_POSTS + "/" + id + "/revisions", admin);
        assertThat(JsonPath.<List<Integer>>read(revisions.body(), "$.items[*].revision")).containsExactly(2, 1);
        assertThat(JsonPath.<List<String>>read(revisions.body(), "$.items[*].content.title"))
                .containsExactly("Version two", "Version one");

        HttpResponse<String> restored = send("POST", ADMIN_POSTS + "/" + id + "/revisions/1/restore", admin, null,
                "If-Match", "\"1\"");
        assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(restored.body(), "$.title")).isEqualTo("Version one");
        assertThat((String) JsonPath.read(restored.body(), "$.status")).isEqualTo("PUBLISHED");
        assertThat(JsonPath.<List<Integer>>read(get(ADMIN_POSTS + "/" + id + "/revisions", admin).body(),
                "$.items[*].revision")).containsExactly(3, 2, 1);
        assertProblem(send("POST", ADMIN_POSTS + "/" + id + "/revisions/9/restore", admin, null, "If-Match", "\"2\""),
                404, ProblemType.NOT_FOUND);
    }

    @Test
    void aDeletedPostIsGoneForReadersAtOnce() {
        String id = createPublished("Short-lived", null);
        String slug = slugOf(id);
        assertThat(get("/api/v1/blog/posts/" + slug, null).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/blog/posts?limit=100", null).body()).contains(id);

        assertThat(send("DELETE", ADMIN_POSTS + "/" + id, admin, null).statusCode()).isEqualTo(204);

        assertProblem(get("/api/v1/blog/posts/" + slug, null), 404, ProblemType.NOT_FOUND);
        assertThat(get("/api/v1/blog/posts?limit=100", null).body()).doesNotContain(id);
        assertProblem(get(ADMIN_POSTS + "/" + id, admin), 404, ProblemType.NOT_FOUND);
    }

    @Test
    void aScheduledPostIsPublishedWhenItsTimeComes() throws InterruptedException {
        String at = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS).toString();
        HttpResponse<String> created = send("POST", ADMIN_POSTS, admin,
                post("Coming soon", "Later", "\"status\":\"PUBLISHED\",\"publishedAt\":\"" + at + "\""));
        assertThat((String) JsonPath.read(created.body(), "$.status")).isEqualTo("SCHEDULED");
        String slug = JsonPath.read(created.body(), "$.slug");
        assertProblem(get("/api/v1/blog/posts/" + slug, null), 404, ProblemType.NOT_FOUND);

        long deadline = System.nanoTime() + 10_000_000_000L;
        int status = 404;
        while (status != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = get("/api/v1/blog/posts/" + slug, null).statusCode();
        }
        assertThat(status).as("published within the check interval after its time").isEqualTo(200);
        assertThat((String) JsonPath.read(get("/api/v1/blog/posts/" + slug, null).body(), "$.publishedAt"))
                .isEqualTo(at);
    }

    @Test
    void badRequestsAreProblemsNamingWhatIsWrong() {
        String taken = "taken-" + unique();
        createPublished("Taken", taken);
        assertProblem(send("POST", ADMIN_POSTS, admin, post("Again", "x", "\"slug\":\"" + taken + "\"")),
                409, ProblemType.CONFLICT);
        assertProblem(send("POST", ADMIN_POSTS, reader, post("Not mine", "x", null)), 403, ProblemType.FORBIDDEN);
        assertProblem(send("POST", ADMIN_POSTS, null, post("Anonymous", "x", null)), 401, ProblemType.UNAUTHORIZED);
        assertProblem(get("/api/v1/blog/posts/no-such-post-" + unique(), null), 404, ProblemType.NOT_FOUND);
        assertProblem(get("/api/v1/blog/posts?limit=101", null), 400, ProblemType.INVALID_REQUEST);
        assertProblem(get("/api/v1/blog/posts/Not%20a%20slug", null), 400, ProblemType.INVALID_REQUEST);
        assertProblem(get("/api/v1/blog/posts/" + "a".repeat(300), null), 400, ProblemType.INVALID_REQUEST);
        assertProblem(get("/api/v1/blog/posts?cursor=bm90LWEtY3Vyc29y", null), 400, ProblemType.INVALID_REQUEST);
        String farPast = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("-9000000000000000000_" + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertProblem(get("/api/v1/blog/posts?cursor=" + farPast, null), 400, ProblemType.INVALID_REQUEST);
        assertProblem(send("POST", ADMIN_POSTS, admin, "{\"title\":\"Bell\\u0007\",\"bodyMarkdown\":\"x\"}"),
                400, ProblemType.INVALID_REQUEST);
        assertProblem(send("POST", ADMIN_POSTS, admin, post("Far", "x",
                "\"status\":\"PUBLISHED\",\"publishedAt\":\"+100000-01-01T00:00:00Z\"")), 422, ProblemType.UNPROCESSABLE);
        HttpResponse<String> badSlug = send("POST", ADMIN_POSTS, admin, post("Bad", "x", "\"slug\":\"Not A Slug\""));
        assertProblem(badSlug, 400, ProblemType.INVALID_REQUEST);
        assertThat(badSlug.body()).contains("slug");
        assertProblem(send("POST", ADMIN_POSTS, admin, post("Past", "x",
                "\"status\":\"SCHEDULED\",\"publishedAt\":\"2020-01-01T00:00:00Z\"")), 422, ProblemType.UNPROCESSABLE);
        assertProblem(send("POST", ADMIN_POSTS, admin, post("", "x", null)), 400, ProblemType.INVALID_REQUEST);
    }

    @Test
    void listsPageByCursorNewestFirst() {
        String tag = "paging-" + unique().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            createPublished("Paged " + i, null, tag);
        }
        HttpResponse<String> first = get("/api/v1/blog/posts?limit=2&tag=" + tag, null);
        List<String> titles = JsonPath.read(first.body(), "$.items[*].title");
        assertThat(titles).containsExactly("Paged 4", "Paged 3");
        String cursor = JsonPath.read(first.body(), "$.nextCursor");
        List<String> second = JsonPath.read(get("/api/v1/blog/posts?limit=2&tag=" + tag + "&cursor=" + cursor, null)
                .body(), "$.items[*].title");
        assertThat(second).containsExactly("Paged 2", "Paged 1");
    }

    private String createPublished(String title, String slug, String... tags) {
        String extra = "\"status\":\"PUBLISHED\"" + (slug == null ? "" : ",\"slug\":\"" + slug + "\"")
                + (tags.length == 0 ? "" : ",\"tags\":[\"" + String.join("\",\"", tags) + "\"]");
        HttpResponse<String> created = send("POST", ADMIN_POSTS, admin, post(title, "Body of " + title, extra));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JsonPath.read(created.body(), "$.id");
    }

    private String slugOf(String id) {
        return JsonPath.read(get(ADMIN_POSTS + "/" + id, admin).body(), "$.slug");
    }

    private static String unique() {
        return UUID.randomUUID().toString();
    }
}
