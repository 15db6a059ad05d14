package io.xaostech.blog.privacy;

import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.blog.BlogApiTestBase;
import io.xaostech.common.event.EventEnvelope;
import io.xaostech.common.event.Topics;
import io.xaostech.common.event.UserDeleted;
import io.xaostech.common.id.EventId;
import io.xaostech.common.id.UserId;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Role;
import io.xaostech.platform.test.TestIssuer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** A person's comments and authorship can be exported and erased, by data's call or by account's event. */
class PrivacyTest extends BlogApiTestBase {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    private final String service = TestIssuer.get().serviceToken("svc-data");
    private String slug;
    private UUID carolId;
    private String carol;
    private String topId;
    private String replyByOther;

    @BeforeEach
    void carolCommented() {
        slug = "privacy-" + uniqueWord();
        publish("Privacy", "x", "\"slug\":\"" + slug + "\"");
        carolId = UUID.randomUUID();
        carol = TestIssuer.get().userToken(carolId, Role.USER);
        topId = comment(carol, "Carol's own words", null);
        approve(topId);
        String other = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER);
        replyByOther = comment(other, "A reply to Carol", topId);
        approve(replyByOther);
        comment(carol, "Carol's second comment", null);
    }

    @Test
    void exportListsWhatBlogHoldsAboutAPerson() {
        HttpResponse<String> export = get("/internal/privacy/export/" + carolId, service);
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(JsonPath.<List<String>>read(export.body(), "$.comments[*].body"))
                .containsExactlyInAnyOrder("Carol's own words", "Carol's second comment");
        HttpResponse<String> editor = get("/internal/privacy/export/" + adminId, service);
        assertThat(JsonPath.<List<String>>read(editor.body(), "$.posts[*].slug")).contains(slug);
    }

    @Test
    void onlyServiceTokensReachThePrivacyHooks() {
        // A user's token is for the API audience: not a valid token here at all.
        assertProblem(get("/internal/privacy/export/" + carolId, carol), 401, ProblemType.UNAUTHORIZED);
        assertProblem(get("/internal/privacy/export/" + carolId, admin), 401, ProblemType.UNAUTHORIZED);
        assertProblem(get("/internal/privacy/export/" + carolId, null), 401, ProblemType.UNAUTHORIZED);
        assertProblem(send("POST", "/internal/privacy/erase/" + carolId, carol, null), 401, ProblemType.UNAUTHORIZED);
        assertThat(get("/internal/privacy/export/" + carolId, service).statusCode()).isEqualTo(200);
    }

    @Test
    void erasureRemovesCommentsKeepsOthersRepliesAndIsIdempotent() {
        HttpResponse<String> erased = send("POST", "/internal/privacy/erase/" + carolId, service, null);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat((Integer) JsonPath.read(erased.body(), "$.commentsRemoved")).isEqualTo(2);

        String threads = get("/api/v1/blog/posts/" + slug + "/comments", null).body();
        assertThat(threads).doesNotContain("Carol's").contains("A reply to Carol");
        assertThat(JsonPath.<List<Boolean>>read(threads, "$.items[?(@.id=='" + topId + "')].deleted")).containsExactly(true);
        assertThat(JsonPath.<List<Object>>read(get("/internal/privacy/export/" + carolId, service).body(), "$.comments")).isEmpty();

        HttpResponse<String> again = send("POST", "/internal/privacy/erase/" + carolId, service, null);
        assertThat((Integer) JsonPath.read(again.body(), "$.commentsRemoved")).isZero();
    }

    @Test
    void anEditorsPostsStayButNoLongerNameThem() {
        send("POST", "/internal/privacy/erase/" + adminId, service, null);
        String post = get("/api/v1/blog/posts/" + slug, null).body();
        assertThat(post).doesNotContain(adminId.toString());
        assertThat((Object) JsonPath.read(post, "$.authorId")).isNull();
    }

    @Test
    void aDeletedAccountIsErasedFromItsEvent() throws InterruptedException {
        EventEnvelope<UserDeleted> event = new EventEnvelope<>(EventId.random(), UserDeleted.TYPE, UserDeleted.VERSION,
                "account", carolId.toString(), Instant.now(), null, new UserDeleted(new UserId(carolId), Instant.now()));
        redis.opsForStream().add(StreamRecords.newRecord().in(Topics.ACCOUNT).ofMap(Map.of(
                Topics.FIELD_TYPE, UserDeleted.TYPE, Topics.FIELD_ENVELOPE, json.writeValueAsString(event))));

        long deadline = System.nanoTime() + 10_000_000_000L;
        int left = -1;
        while (left != 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = jdbc.sql("select count(*) from comments where author_id = ?").param(carolId).query(Integer.class).single();
        }
        assertThat(left).as("comments left by the deleted user").isZero();
    }

    private String comment(String token, String body, String parentId) {
        HttpResponse<String> created = send("POST", "/api/v1/blog/posts/" + slug + "/comments", token,
                "{\"body\":" + quote(body) + ",\"displayName\":\"Carol\""
                        + (parentId == null ? "" : ",\"parentId\":\"" + parentId + "\"") + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JsonPath.read(created.body(), "$.id");
    }

    private void approve(String id) {
        send("POST", "/api/v1/blog/admin/comments/" + id + "/approve", admin, null);
    }
}
