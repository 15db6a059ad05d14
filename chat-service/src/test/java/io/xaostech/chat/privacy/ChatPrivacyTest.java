package io.xaostech.chat.privacy;

import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.chat.ChatApi;
import io.xaostech.common.event.EventEnvelope;
import io.xaostech.common.event.Topics;
import io.xaostech.common.event.UserDeleted;
import io.xaostech.common.id.EventId;
import io.xaostech.common.id.UserId;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Role;
import io.xaostech.platform.redis.Keyspace;
import io.xaostech.platform.test.TestIssuer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** A person's messages and memberships are exported and erased without leaving gaps in anyone's history. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "xaos.platform.events.poll-interval=200ms")
class ChatPrivacyTest {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Autowired
    Keyspace keys;

    private final String service = TestIssuer.get().serviceToken("svc-data");
    private UUID aliceId;
    private String alice;
    private UUID bobId;
    private String bob;
    private String room;

    @BeforeEach
    void aConversation() {
        aliceId = UUID.randomUUID();
        alice = TestIssuer.get().userToken(aliceId, Role.USER);
        bobId = UUID.randomUUID();
        bob = TestIssuer.get().userToken(bobId, Role.USER);
        room = JsonPath.read(call("POST", "/api/v1/chat/rooms", alice, "{\"kind\":\"PUBLIC\",\"name\":\"Private life\"}").body(), "$.id");
        call("POST", "/api/v1/chat/rooms/" + room + "/join", bob, null);
        call("POST", "/api/v1/chat/rooms/" + room + "/messages", alice, "{\"body\":\"Alice's secret\"}");
        call("POST", "/api/v1/chat/rooms/" + room + "/messages", bob, "{\"body\":\"Bob answers\"}");
    }

    @Test
    void erasureBlanksMessagesKeepsTheSequenceAndHandsOverTheRoom() {
        HttpResponse<String> export = call("GET", "/internal/privacy/export/" + aliceId, service, null);
        assertThat(JsonPath.<List<String>>read(export.body(), "$.messages[*].body")).containsExactly("Alice's secret");

        assertThat(recent()).as("kept for replays").anyMatch(entry -> entry.contains("Alice's secret"));

        HttpResponse<String> erased = call("POST", "/internal/privacy/erase/" + aliceId, service, null);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat((Integer) JsonPath.read(erased.body(), "$.messagesErased")).isEqualTo(1);

        String history = call("GET", "/api/v1/chat/rooms/" + room + "/messages", bob, null).body();
        assertThat(JsonPath.<List<Integer>>read(history, "$[*].seq")).containsExactly(1, 2);
        assertThat(history).doesNotContain("Alice's secret").doesNotContain(aliceId.toString());
        assertThat(recent()).as("nor replayed from Redis").noneMatch(entry -> entry.contains("Alice's secret"));
        assertThat(JsonPath.<List<String>>read(call("GET", "/api/v1/chat/rooms/" + room + "/members", bob, null).body(),
                "$[?(@.role=='OWNER')].userId")).containsExactly(bobId.toString());
        assertThat((Integer) JsonPath.read(call("POST", "/internal/privacy/erase/" + aliceId, service, null).body(),
                "$.messagesErased")).isZero();
    }

    @Test
    void onlyServiceTokensReachThePrivacyHooks() {
        assertProblem(call("GET", "/internal/privacy/export/" + aliceId, alice, null), 401, ProblemType.UNAUTHORIZED);
        assertProblem(call("POST", "/internal/privacy/erase/" + aliceId, null, null), 401, ProblemType.UNAUTHORIZED);
    }

    @Test
    void aDeletedAccountIsErasedFromItsEvent() throws InterruptedException {
        EventEnvelope<UserDeleted> event = new EventEnvelope<>(EventId.random(), UserDeleted.TYPE, UserDeleted.VERSION,
                "account", bobId.toString(), Instant.now(), null, new UserDeleted(new UserId(bobId), Instant.now()));
        redis.opsForStream().add(StreamRecords.newRecord().in(Topics.ACCOUNT).ofMap(Map.of(
                Topics.FIELD_TYPE, UserDeleted.TYPE, Topics.FIELD_ENVELOPE, json.writeValueAsString(event))));
        long deadline = System.nanoTime() + 10_000_000_000L;
        String history = "";
        while (System.nanoTime() < deadline) {
            history = call("GET", "/api/v1/chat/rooms/" + room + "/messages", alice, null).body();
            if (!history.contains("Bob answers")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(history).doesNotContain("Bob answers");
    }

    private Set<String> recent() {
        Set<String> entries = redis.opsForZSet().range(keys.key("recent", room), 0, -1);
        return entries == null ? Set.of() : entries;
    }

    private HttpResponse<String> call(String method, String path, String token, String body) {
        return new ChatApi(port).call(method, path, token, body);
    }
}
