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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Editing and deleting messages, and owners and moderators removing, muting and banning people. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ModerationTest {

    @LocalServerPort
    int port;

    private ChatApi api;
    private String owner;
    private UUID ownerId;
    private String bob;
    private UUID bobId;
    private String carol;
    private UUID carolId;
    private String room;

    @BeforeEach
    void aRoomWithAnOwnerAModeratorAndAMember() {
        api = new ChatApi(port);
        ownerId = UUID.randomUUID();
        owner = TestIssuer.get().userToken(ownerId, Role.USER);
        bobId = UUID.randomUUID();
        bob = TestIssuer.get().userToken(bobId, Role.USER);
        carolId = UUID.randomUUID();
        carol = TestIssuer.get().userToken(carolId, Role.USER);
        room = api.createRoom(owner, "PUBLIC", "Moderated");
        api.call("POST", path("/join"), bob, null);
        api.call("POST", path("/join"), carol, null);
        assertThat(api.call("PUT", path("/members/" + carolId + "/role"), owner, "{\"role\":\"MODERATOR\"}").statusCode())
                .isEqualTo(204);
    }

    @Test
    void sendersEditTheirOwnMessagesAndDeletionsLeaveNoText() {
        String id = JsonPath.read(api.send(bob, room, null, "teh typo").body(), "$.id");
        assertProblem(api.call("PATCH", path("/messages/" + id), owner, "{\"body\":\"not yours\"}"), 403, ProblemType.FORBIDDEN);
        assertProblem(api.call("PATCH", path("/messages/" + id), bob, "{\"body\":\"\"}"), 400, ProblemType.INVALID_REQUEST);
        assertProblem(api.call("PATCH", path("/messages/" + UUID.randomUUID()), bob, "{\"body\":\"x\"}"), 404,
                ProblemType.NOT_FOUND);

        HttpResponse<String> edited = api.call("PATCH", path("/messages/" + id), bob, "{\"body\":\"the typo\"}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(edited.body(), "$.body")).isEqualTo("the typo");
        assertThat((String) JsonPath.read(edited.body(), "$.editedAt")).isNotNull();

        String other = JsonPath.read(api.send(owner, room, null, "owner's words").body(), "$.id");
        assertProblem(api.call("DELETE", path("/messages/" + other), bob, null), 403, ProblemType.FORBIDDEN);
        assertThat(api.call("DELETE", path("/messages/" + id), bob, null).statusCode()).isEqualTo(204);
        assertThat(api.call("DELETE", path("/messages/" + id), bob, null).statusCode()).as("idempotent").isEqualTo(204);
        assertProblem(api.call("PATCH", path("/messages/" + id), bob, "{\"body\":\"back\"}"), 409, ProblemType.CONFLICT);

        String history = api.history(owner, room, "");
        assertThat(JsonPath.<List<String>>read(history, "$[*].kind")).as("edits and deletions are not listed as messages")
                .containsExactly("MESSAGE", "MESSAGE");
        assertThat(JsonPath.<Boolean>read(history, "$[0].deleted")).isTrue();
        assertThat(history).doesNotContain("typo");
        assertThat(JsonPath.<List<Integer>>read(history, "$[*].seq")).as("numbers count every event: the edit took 2").containsExactly(1, 3);
    }

    @Test
    void moderatorsDeleteAnyMessageOfTheRoom() {
        String bobs = JsonPath.read(api.send(bob, room, null, "spam spam").body(), "$.id");
        String owners = JsonPath.read(api.send(owner, room, null, "house rules").body(), "$.id");
        assertThat(api.call("DELETE", path("/messages/" + bobs), carol, null).statusCode()).isEqualTo(204);
        assertThat(api.call("DELETE", path("/messages/" + owners), carol, null).statusCode())
                .as("moderators delete any message of the room").isEqualTo(204);
    }

    @Test
    void aMutedMemberReadsButCannotSendUntilUnmuted() {
        assertProblem(api.call("PUT", path("/members/" + ownerId + "/mute"), carol, "{\"minutes\":10}"), 403,
                ProblemType.FORBIDDEN);
        assertProblem(api.call("PUT", path("/members/" + carolId + "/mute"), bob, "{\"minutes\":10}"), 403,
                ProblemType.FORBIDDEN);
        HttpResponse<String> tooLong = api.call("PUT", path("/members/" + bobId + "/mute"), carol, "{\"minutes\":50000}");
        assertProblem(tooLong, 400, ProblemType.INVALID_REQUEST);
        assertThat(tooLong.body()).contains("minutes");

        assertThat(api.call("PUT", path("/members/" + bobId + "/mute"), carol, "{\"minutes\":10}").statusCode()).isEqualTo(204);
        HttpResponse<String> refused = api.send(bob, room, null, "let me speak");
        assertProblem(refused, 403, ProblemType.FORBIDDEN);
        assertThat(refused.body()).contains("muted");
        api.history(bob, room, "");

        assertThat(api.call("DELETE", path("/members/" + bobId + "/mute"), carol, null).statusCode()).isEqualTo(204);
        assertThat(api.send(bob, room, null, "thanks").statusCode()).isEqualTo(201);
    }

    @Test
    void aBannedPersonIsOutAndStaysOutUntilTheBanIsLifted() {
        assertProblem(api.call("POST", path("/bans"), carol, "{\"userId\":\"" + ownerId + "\"}"), 403, ProblemType.FORBIDDEN);
        assertProblem(api.call("GET", path("/bans"), bob, null), 403, ProblemType.FORBIDDEN);

        assertThat(api.call("POST", path("/bans"), carol, "{\"userId\":\"" + bobId + "\"}").statusCode()).isEqualTo(204);
        assertThat(JsonPath.<List<String>>read(api.call("GET", path("/bans"), carol, null).body(), "$[*].userId"))
                .containsExactly(bobId.toString());
        assertProblem(api.send(bob, room, null, "still here?"), 403, ProblemType.FORBIDDEN);
        assertProblem(api.call("POST", path("/join"), bob, null), 403, ProblemType.FORBIDDEN);
        assertProblem(api.call("POST", path("/invites"), owner, "{\"userId\":\"" + bobId + "\"}"), 409, ProblemType.CONFLICT);

        assertThat(api.call("DELETE", path("/bans/" + bobId), owner, null).statusCode()).isEqualTo(204);
        assertProblem(api.call("DELETE", path("/bans/" + bobId), owner, null), 404, ProblemType.NOT_FOUND);
        assertThat(api.call("POST", path("/join"), bob, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aRemovedMemberMayComeBack() {
        assertProblem(api.call("DELETE", path("/members/" + ownerId), carol, null), 403, ProblemType.FORBIDDEN);
        assertThat(api.call("DELETE", path("/members/" + carolId), owner, null).statusCode()).isEqualTo(204);
        assertProblem(api.send(carol, room, null, "hello?"), 403, ProblemType.FORBIDDEN);
        assertThat(api.call("POST", path("/join"), carol, null).statusCode()).isEqualTo(200);
        assertThat(api.send(carol, room, null, "back").statusCode()).isEqualTo(201);
    }

    private String path(String rest) {
        return "/api/v1/chat/rooms/" + room + rest;
    }
}
