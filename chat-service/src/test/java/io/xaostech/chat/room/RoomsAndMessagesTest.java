package io.xaostech.chat.room;

import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.chat.ChatApi;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Role;
import io.xaostech.platform.test.TestIssuer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Rooms, membership and the durable, sequenced history over REST, against real PostgreSQL and Redis. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoomsAndMessagesTest {

    @LocalServerPort
    int port;

    private ChatApi api;
    private String alice;
    private String bob;
    private UUID bobId;

    @BeforeEach
    void twoUsers() {
        api = new ChatApi(port);
        alice = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER);
        bobId = UUID.randomUUID();
        bob = TestIssuer.get().userToken(bobId, Role.USER);
    }

    @Test
    void membersOfAPublicRoomSendSequencedMessagesStoredOncePerClientId() {
        String room = createRoom(alice, "PUBLIC", "General");
        assertProblem(send(bob, room, "early", "Not yet a member"), 403, ProblemType.FORBIDDEN);
        assertThat(call("POST", "/api/v1/chat/rooms/" + room + "/join", bob, null).statusCode()).isEqualTo(200);

        HttpResponse<String> first = send(alice, room, "a-1", "<b>Hello</b> & welcome");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat((Integer) JsonPath.read(first.body(), "$.seq")).isEqualTo(1);
        assertThat((String) JsonPath.read(first.body(), "$.body")).as("text, stored as sent").isEqualTo("<b>Hello</b> & welcome");
        HttpResponse<String> second = send(bob, room, "b-1", "Hi Alice");
        assertThat((Integer) JsonPath.read(second.body(), "$.seq")).isEqualTo(2);

        HttpResponse<String> again = send(alice, room, "a-1", "<b>Hello</b> & welcome");
        assertThat(again.statusCode()).as("a repeated client id is answered, not stored again").isEqualTo(200);
        assertThat((String) JsonPath.read(again.body(), "$.id")).isEqualTo(JsonPath.read(first.body(), "$.id"));
        assertThat(JsonPath.<List<Integer>>read(history(bob, room, ""), "$[*].seq")).containsExactly(1, 2);
    }

    @Test
    void concurrentSendersGetEverySequenceNumberOnce() throws Exception {
        String room = createRoom(alice, "PUBLIC", "Busy");
        call("POST", "/api/v1/chat/rooms/" + room + "/join", bob, null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<HttpResponse<String>>> sends = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String token = i % 2 == 0 ? alice : bob;
            String id = "c-" + i;
            sends.add(pool.submit(() -> send(token, room, id, "message " + id)));
        }
        for (Future<HttpResponse<String>> s : sends) {
            assertThat(s.get().statusCode()).isEqualTo(201);
        }
        pool.shutdown();
        List<Integer> seqs = JsonPath.read(history(alice, room, "?limit=100"), "$[*].seq");
        assertThat(seqs).hasSize(24).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 24).boxed().toList());
    }

    @Test
    void historyPagesByMessageId() {
        String room = createRoom(alice, "PRIVATE", "Paged");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(JsonPath.read(send(alice, room, "p-" + i, "m" + i).body(), "$.id"));
        }
        assertThat(JsonPath.<List<String>>read(history(alice, room, "?limit=2"), "$[*].body")).containsExactly("m4", "m5");
        assertThat(JsonPath.<List<String>>read(history(alice, room, "?limit=2&before=" + ids.get(3)), "$[*].body"))
                .containsExactly("m2", "m3");
        assertThat(JsonPath.<List<String>>read(history(alice, room, "?limit=2&after=" + ids.get(2)), "$[*].body"))
                .containsExactly("m4", "m5");
        assertProblem(call("GET", "/api/v1/chat/rooms/" + room + "/messages?before=" + UUID.randomUUID(), alice, null),
                400, ProblemType.INVALID_REQUEST);
    }

    @Test
    void aPrivateRoomIsInvisibleUntilAnOwnerInvites() {
        String room = createRoom(alice, "PRIVATE", "Secret");
        assertProblem(call("GET", "/api/v1/chat/rooms/" + room, bob, null), 404, ProblemType.NOT_FOUND);
        assertProblem(call("POST", "/api/v1/chat/rooms/" + room + "/join", bob, null), 404, ProblemType.NOT_FOUND);
        assertProblem(send(bob, room, null, "let me in"), 404, ProblemType.NOT_FOUND);

        assertThat(call("POST", "/api/v1/chat/rooms/" + room + "/invites", alice, "{\"userId\":\"" + bobId + "\"}")
                .statusCode()).isEqualTo(204);
        assertThat(send(bob, room, null, "thanks").statusCode()).isEqualTo(201);
        String carol = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER);
        assertProblem(call("POST", "/api/v1/chat/rooms/" + room + "/invites", bob, "{\"userId\":\"" + UUID.randomUUID() + "\"}"),
                403, ProblemType.FORBIDDEN);
        assertThat(JsonPath.<List<String>>read(call("GET", "/api/v1/chat/rooms?scope=mine", bob, null).body(), "$.items[*].id"))
                .contains(room);
        assertThat(JsonPath.<List<String>>read(call("GET", "/api/v1/chat/rooms?scope=public&limit=100", carol, null).body(),
                "$.items[*].id")).doesNotContain(room);
    }

    @Test
    void aDirectRoomIsTheSameRoomForTheSamePair() {
        String one = JsonPath.read(call("POST", "/api/v1/chat/rooms/direct", alice, "{\"userId\":\"" + bobId + "\"}").body(), "$.id");
        String two = JsonPath.read(call("POST", "/api/v1/chat/rooms/direct", alice, "{\"userId\":\"" + bobId + "\"}").body(), "$.id");
        assertThat(one).isEqualTo(two);
        assertThat(send(bob, one, null, "hey").statusCode()).isEqualTo(201);
        assertProblem(call("POST", "/api/v1/chat/rooms/" + one + "/invites", bob, "{\"userId\":\"" + UUID.randomUUID() + "\"}"),
                422, ProblemType.UNPROCESSABLE);
    }

    @Test
    void badMessagesAndFloodsAreRefused() {
        String room = createRoom(alice, "PUBLIC", "Limits");
        assertProblem(send(alice, room, null, "x".repeat(4001)), 400, ProblemType.INVALID_REQUEST);
        assertProblem(send(alice, room, "bad id!", "x"), 400, ProblemType.INVALID_REQUEST);
        assertProblem(send(alice, room, null, " "), 400, ProblemType.INVALID_REQUEST);
        assertProblem(call("POST", "/api/v1/chat/rooms/" + room + "/messages", null, "{\"body\":\"anon\"}"),
                401, ProblemType.UNAUTHORIZED);
        HttpResponse<String> limited = null;
        // 30 per 10 s window: 70 sends in a few seconds overflow one window even if they straddle two.
        for (int i = 0; i < 70 && (limited == null || limited.statusCode() != 429); i++) {
            limited = send(alice, room, null, "flood " + i);
        }
        assertProblem(limited, 429, ProblemType.RATE_LIMITED);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void theLastOwnerCannotLeaveOthersBehindOrLoseTheRole() {
        String room = createRoom(alice, "PUBLIC", "Owned");
        call("POST", "/api/v1/chat/rooms/" + room + "/join", bob, null);
        List<String> owners = JsonPath.read(call("GET", "/api/v1/chat/rooms/" + room + "/members", alice, null).body(),
                "$[?(@.role=='OWNER')].userId");
        String aliceId = owners.get(0);
        assertProblem(call("POST", "/api/v1/chat/rooms/" + room + "/leave", alice, null), 409, ProblemType.CONFLICT);
        assertProblem(call("PUT", "/api/v1/chat/rooms/" + room + "/members/" + aliceId + "/role", alice,
                "{\"role\":\"MEMBER\"}"), 409, ProblemType.CONFLICT);
        assertProblem(call("PUT", "/api/v1/chat/rooms/" + room + "/members/" + aliceId + "/role", bob,
                "{\"role\":\"MEMBER\"}"), 403, ProblemType.FORBIDDEN);
        assertThat(call("PUT", "/api/v1/chat/rooms/" + room + "/members/" + bobId + "/role", alice,
                "{\"role\":\"OWNER\"}").statusCode()).isEqualTo(204);
        assertThat(call("POST", "/api/v1/chat/rooms/" + room + "/leave", alice, null).statusCode()).isEqualTo(204);
    }

    private String createRoom(String token, String kind, String name) {
        return api.createRoom(token, kind, name);
    }

    private HttpResponse<String> send(String token, String room, String clientId, String body) {
        return api.send(token, room, clientId, body);
    }

    private String history(String token, String room, String query) {
        return api.history(token, room, query);
    }

    private HttpResponse<String> call(String method, String path, String token, String json) {
        return api.call(method, path, token, json);
    }
}
