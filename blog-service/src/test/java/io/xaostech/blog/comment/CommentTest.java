package io.xaostech.blog.comment;

import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.blog.BlogApiTestBase;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Role;
import io.xaostech.platform.test.TestIssuer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Readers comment on published posts; new commenters and spammy comments wait for a moderator. */
class CommentTest extends BlogApiTestBase {

    private String slug;
    private UUID aliceId;
    private String alice;

    @BeforeEach
    void aPublishedPostAndACommenter() {
        slug = "commented-" + uniqueWord();
        publish("Commented", "Talk about it.", "\"slug\":\"" + slug + "\"");
        aliceId = UUID.randomUUID();
        alice = TestIssuer.get().userToken(aliceId, Role.USER);
    }

    @Test
    void aFirstCommentWaitsForAModeratorAndLaterOnesAppearAtOnce() {
        HttpResponse<String> first = comment(alice, "Great post! <script>alert(1)</script>", null);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat((String) JsonPath.read(first.body(), "$.status")).isEqualTo("PENDING");
        assertThat((String) JsonPath.read(first.body(), "$.html")).doesNotContain("<script").contains("&lt;script&gt;");
        String firstId = JsonPath.read(first.body(), "$.id");
        assertThat(threads()).doesNotContain(firstId);

        HttpResponse<String> queue = get("/api/v1/blog/admin/comments?status=PENDING&limit=100", admin);
        assertThat(JsonPath.<List<String>>read(queue.body(), "$.items[*].id")).contains(firstId);
        assertThat(JsonPath.<List<String>>read(queue.body(), "$.items[?(@.id=='" + firstId + "')].heldBecause"))
                .containsExactly("first comment of this commenter");
        assertThat(send("POST", "/api/v1/blog/admin/comments/" + firstId + "/approve", admin, null).statusCode()).isEqualTo(204);
        assertThat(threads()).contains(firstId);

        HttpResponse<String> second = comment(alice, "And [one link](https://example.com).", null);
        assertThat((String) JsonPath.read(second.body(), "$.status")).isEqualTo("APPROVED");
        assertThat((String) JsonPath.read(second.body(), "$.html")).contains("rel=\"noopener nofollow ugc\"");

        HttpResponse<String> spammy = comment(alice, "[a](https://a.example) [b](https://b.example) [c](https://c.example)", null);
        assertThat((String) JsonPath.read(spammy.body(), "$.status")).isEqualTo("PENDING");
        HttpResponse<String> rude = comment(alice, "Visit my CASINO now", null);
        assertThat((String) JsonPath.read(rude.body(), "$.status")).isEqualTo("PENDING");
    }

    @Test
    void aCommenterCannotApproveOrAttributeTheirOwnComment() {
        UUID someoneElse = UUID.randomUUID();
        HttpResponse<String> posted = send("POST", "/api/v1/blog/posts/" + slug + "/comments", alice,
                "{\"body\":\"Approved by me\",\"displayName\":\"Alice\",\"status\":\"APPROVED\",\"approved\":true,"
                        + "\"authorId\":\"" + someoneElse + "\",\"userId\":\"" + someoneElse + "\",\"heldBecause\":null}");

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        assertThat((String) JsonPath.read(posted.body(), "$.status")).as("a first comment waits").isEqualTo("PENDING");
        assertThat(jdbc.sql("select count(*) from comments where author_id = ?").param(someoneElse).query(Integer.class)
                .single()).as("attributed to someone else").isZero();
    }

    @Test
    void repliesNestOneLevelUnderTheirComment() {
        String top = approved(alice, "Top-level");
        String reader2 = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER);
        HttpResponse<String> reply = comment(reader2, "A reply", top);
        String replyId = JsonPath.read(reply.body(), "$.id");
        send("POST", "/api/v1/blog/admin/comments/" + replyId + "/approve", admin, null);

        String threads = threads();
        assertThat(JsonPath.<List<String>>read(threads, "$.items[?(@.id=='" + top + "')].replies[*].id")).containsExactly(replyId);
        assertProblem(comment(alice, "Reply to a reply", replyId), 422, ProblemType.UNPROCESSABLE);
        assertProblem(comment(alice, "Reply to nothing", UUID.randomUUID().toString()), 422, ProblemType.UNPROCESSABLE);

        // Deleting a comment others answered leaves a placeholder so the answers keep their place.
        assertThat(send("DELETE", "/api/v1/blog/comments/" + top, alice, null).statusCode()).isEqualTo(204);
        String after = threads();
        assertThat(JsonPath.<List<Boolean>>read(after, "$.items[?(@.id=='" + top + "')].deleted")).containsExactly(true);
        assertThat(after).doesNotContain("Top-level");
        assertThat(JsonPath.<List<String>>read(after, "$.items[?(@.id=='" + top + "')].replies[*].id")).containsExactly(replyId);
    }

    @Test
    void authorsEditTheirOwnCommentsAndNobodyElses() {
        String id = approved(alice, "Typo here");
        HttpResponse<String> edited = send("PATCH", "/api/v1/blog/comments/" + id, alice, "{\"body\":\"Fixed it\"}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(edited.body(), "$.html")).isEqualTo("<p>Fixed it</p>");
        assertThat((String) JsonPath.read(edited.body(), "$.editedAt")).isNotNull();

        assertProblem(send("PATCH", "/api/v1/blog/comments/" + id, reader, "{\"body\":\"Hijack\"}"), 404, ProblemType.NOT_FOUND);
        assertProblem(send("DELETE", "/api/v1/blog/comments/" + id, reader, null), 404, ProblemType.NOT_FOUND);
        jdbc.sql("update comments set created_at = now() - interval '1 hour' where id = ?::uuid").param(id).update();
        assertProblem(send("PATCH", "/api/v1/blog/comments/" + id, alice, "{\"body\":\"Too late\"}"), 403, ProblemType.FORBIDDEN);
    }

    @Test
    void aBannedCommenterCannotCommentAndTheirQueueIsRejected() {
        String pending = JsonPath.read(comment(alice, "Pending one", null).body(), "$.id");
        assertThat(send("PUT", "/api/v1/blog/admin/commenters/" + aliceId + "/ban", admin, "{\"reason\":\"spam\"}")
                .statusCode()).isEqualTo(204);
        assertProblem(comment(alice, "Let me in", null), 403, ProblemType.FORBIDDEN);
        assertProblem(send("PATCH", "/api/v1/blog/comments/" + pending, alice, "{\"body\":\"edited while banned\"}"),
                403, ProblemType.FORBIDDEN);
        assertThat(jdbc.sql("select status from comments where id = ?::uuid").param(pending).query(String.class).single())
                .isEqualTo("REJECTED");
        send("DELETE", "/api/v1/blog/admin/commenters/" + aliceId + "/ban", admin, null);
        assertThat(comment(alice, "Back again", null).statusCode()).isEqualTo(201);
    }

    @Test
    void moderatorsDecideInBulk() {
        String a = JsonPath.read(comment(alice, "one", null).body(), "$.id");
        String b = JsonPath.read(comment(alice, "two", null).body(), "$.id");
        HttpResponse<String> bulk = send("POST", "/api/v1/blog/admin/comments/bulk", admin,
                "{\"action\":\"APPROVE\",\"ids\":[\"" + a + "\",\"" + b + "\"]}");
        assertThat((Integer) JsonPath.read(bulk.body(), "$.changed")).isEqualTo(2);
        assertThat(threads()).contains(a, b);
        assertProblem(send("POST", "/api/v1/blog/admin/comments/bulk", admin, "{\"action\":\"APPROVE\",\"ids\":[]}"),
                400, ProblemType.INVALID_REQUEST);
        assertProblem(send("POST", "/api/v1/blog/admin/comments/bulk", reader,
                "{\"action\":\"APPROVE\",\"ids\":[\"" + a + "\"]}"), 403, ProblemType.FORBIDDEN);
    }

    @Test
    void badCommentsAreRefused() {
        assertProblem(send("POST", "/api/v1/blog/posts/" + slug + "/comments", null,
                "{\"body\":\"anon\",\"displayName\":\"A\"}"), 401, ProblemType.UNAUTHORIZED);
        assertProblem(comment(alice, "x".repeat(5001), null), 400, ProblemType.INVALID_REQUEST);
        assertProblem(comment(alice, " ", null), 400, ProblemType.INVALID_REQUEST);
        assertProblem(send("POST", "/api/v1/blog/posts/no-such-" + uniqueWord() + "/comments", alice,
                "{\"body\":\"x\",\"displayName\":\"A\"}"), 404, ProblemType.NOT_FOUND);
        assertProblem(get("/api/v1/blog/posts/" + slug + "/comments?limit=101", null), 400, ProblemType.INVALID_REQUEST);
    }

    @Test
    void tooManyCommentsInAnHourAreRateLimited() {
        String bob = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER);
        for (int i = 0; i < 20; i++) {
            assertThat(comment(bob, "comment " + i, null).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> limited = comment(bob, "one too many", null);
        assertProblem(limited, 429, ProblemType.RATE_LIMITED);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
    }

    private HttpResponse<String> comment(String token, String body, String parentId) {
        return send("POST", "/api/v1/blog/posts/" + slug + "/comments", token, "{\"body\":" + quote(body)
                + ",\"displayName\":\"Alice\"" + (parentId == null ? "" : ",\"parentId\":\"" + parentId + "\"") + "}");
    }

    private String approved(String token, String body) {
        String id = JsonPath.read(comment(token, body, null).body(), "$.id");
        send("POST", "/api/v1/blog/admin/comments/" + id + "/approve", admin, null);
        return id;
    }

    private String threads() {
        HttpResponse<String> threads = get("/api/v1/blog/posts/" + slug + "/comments?limit=100", null);
        assertThat(threads.statusCode()).as(threads.body()).isEqualTo(200);
        return threads.body();
    }
}
