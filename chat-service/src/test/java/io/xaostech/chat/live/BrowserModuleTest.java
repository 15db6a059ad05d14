package io.xaostech.chat.live;

import static io.xaostech.chat.live.ChatClient.rest;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.security.Role;
import io.xaostech.platform.test.TestIssuer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The browser module webfront serves ({@code xaos-chat.js}) against a real chat-service, run by Node's built-in
 * WebSocket: two users exchange messages, one's connection drops and the module resumes it without a gap or a
 * duplicate (25 followed rooms resubscribed within the server's frame allowance), edits arrive as events, a
 * refused edit rejects its promise with the protocol's code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserModuleTest {

    private static final Path MODULE = Path.of("../webfront-site/src/main/resources/static/js/xaos-chat.js");
    private static final Path CHECK = Path.of("src/test/js/xaos-chat-check.mjs");

    @LocalServerPort
    int port;

    @Test
    void theModuleChatsResumesAndReportsRefusals() throws Exception {
        Assumptions.assumeTrue(nodeAvailable(), "needs Node.js 20.10+ (its built-in WebSocket)");
        UUID bobId = UUID.randomUUID();
        String alice = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER);
        String bob = TestIssuer.get().userToken(bobId, Role.USER);
        String room = JsonPath.read(rest(port, "POST", "/api/v1/chat/rooms", alice,
                "{\"kind\":\"PUBLIC\",\"name\":\"Module\"}").body(), "$.id");
        rest(port, "POST", "/api/v1/chat/rooms/" + room + "/join", bob, null);
        List<String> moreRooms = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String another = JsonPath.read(rest(port, "POST", "/api/v1/chat/rooms", alice,
                    "{\"kind\":\"PUBLIC\",\"name\":\"More " + i + "\"}").body(), "$.id");
            rest(port, "POST", "/api/v1/chat/rooms/" + another + "/join", bob, null);
            moreRooms.add(another);
        }

        ProcessBuilder node = new ProcessBuilder("node", "--experimental-websocket", "--no-warnings", CHECK.toString())
                .redirectErrorStream(true);
        node.environment().put("XAOS_CHAT_MODULE", MODULE.toAbsolutePath().toString());
        node.environment().put("XAOS_CHAT_URL", "ws://127.0.0.1:" + port + "/ws/chat");
        node.environment().put("TOKEN_A", alice);
        node.environment().put("TOKEN_B", bob);
        node.environment().put("ROOM", room);
        node.environment().put("MORE_ROOMS", String.join(",", moreRooms));
        Process run = node.start();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("the check finished").isTrue();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(run.exitValue()).as(output).isZero();
        String seen = output.lines().reduce((first, last) -> last).orElseThrow();

        assertThat(JsonPath.<List<Integer>>read(seen, "$.seqs")).as("each event once, in order, across the drop")
                .containsExactly(1, 2, 3);
        assertThat(JsonPath.<List<String>>read(seen, "$.kinds")).containsExactly("MESSAGE", "MESSAGE", "EDIT");
        assertThat(JsonPath.<String>read(seen, "$.firstBody")).isEqualTo("<b>hello</b> Bob");
        assertThat(JsonPath.<List<String>>read(seen, "$.problems")).as("25 rooms resubscribed within the frame allowance")
                .isEmpty();
        assertThat(JsonPath.<Integer>read(seen, "$.reconnected")).as("opened, then reopened by itself").isEqualTo(2);
        assertThat(JsonPath.<String>read(seen, "$.refused")).isEqualTo("forbidden");
        assertThat(JsonPath.<String>read(seen, "$.typing")).isEqualTo(bobId.toString());
    }

    private static boolean nodeAvailable() {
        try {
            Process version = new ProcessBuilder("node", "--experimental-websocket", "-e",
                    "process.exit(typeof WebSocket === 'function' ? 0 : 1)").start();
            return version.waitFor(20, TimeUnit.SECONDS) && version.exitValue() == 0 && Files.exists(MODULE);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
