package io.xaostech.chat.live;

import static io.xaostech.chat.live.ChatClient.connect;
import static io.xaostech.chat.live.ChatClient.rest;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.chat.ChatApplication;
import io.xaostech.common.security.Role;
import io.xaostech.platform.test.TestIssuer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two instances on a Redis of the test's own, which is stopped and started again mid-conversation (coming back
 * empty, as a Redis without persistence does): both instances recover, and every message that was acknowledged
 * reaches the other side exactly once, in order, with no gap in the numbers. (While Redis is away sends are
 * refused, the rate limit living there; a stored message whose fan-out record was lost is LiveChatTest's case.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisRestartTest {

    private static PrivateRedis redis;
    private static ConfigurableApplicationContext second;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @DynamicPropertySource
    static void privateRedis(DynamicPropertyRegistry registry) throws Exception {
        Assumptions.assumeTrue(PrivateRedis.available(), "needs /usr/bin/redis-server");
        redis = new PrivateRedis().start();
        registry.add("spring.data.redis.url", redis::url);
    }

    @AfterAll
    static void stop() throws Exception {
        if (second != null) {
            second.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void instancesRecoverAndNothingAcknowledgedIsLost() throws Exception {
        second = new SpringApplicationBuilder(ChatApplication.class).run("--server.port=0", "--management.server.port=0",
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                "--spring.data.redis.url=" + redis.url(),
                "--xaos.security.issuer=" + environment.getProperty("xaos.security.issuer"),
                "--xaos.security.jwk-set-uri=" + environment.getProperty("xaos.security.jwk-set-uri"));
        int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
        String alice = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER);
        String bob = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER);
        String room = JsonPath.read(rest(port, "POST", "/api/v1/chat/rooms", alice,
                "{\"kind\":\"PUBLIC\",\"name\":\"Restart\"}").body(), "$.id");
        rest(secondPort, "POST", "/api/v1/chat/rooms/" + room + "/join", bob, null);

        ChatClient bobOnSecond = connect(secondPort, bob);
        bobOnSecond.send("{\"type\":\"subscribe\",\"room\":\"" + room + "\"}");
        bobOnSecond.next("subscribed");
        ChatClient aliceOnFirst = connect(port, alice);
        List<Integer> acknowledged = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            acknowledged.addAll(send(aliceOnFirst, room, "before " + i));
        }

        redis.stop();
        for (int i = 0; i < 3; i++) {
            acknowledged.addAll(send(aliceOnFirst, room, "while away " + i));
        }
        redis.start();
        // Sends are refused until the instance reconnects; keep trying as a client would.
        long deadline = System.nanoTime() + 30_000_000_000L;
        int after = 0;
        while (after < 3 && System.nanoTime() < deadline) {
            List<Integer> ok = send(aliceOnFirst, room, "after " + after);
            acknowledged.addAll(ok);
            after += ok.size();
            if (ok.isEmpty()) {
                Thread.sleep(200);
            }
        }
        assertThat(after).as("sending works again after Redis came back").isEqualTo(3);

        List<Integer> received = new ArrayList<>();
        int expected = acknowledged.get(acknowledged.size() - 1);
        while (received.isEmpty() || received.get(received.size() - 1) < expected) {
            received.add(JsonPath.read(bobOnSecond.next("message"), "$.message.seq"));
        }
        assertThat(received).as("every number once, in order, no gap").containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, expected).boxed().toList());
        assertThat(received).containsAll(acknowledged);
    }

    /** Sends one message; answers its number if it was acknowledged, nothing if it was refused with an error frame. */
    private static List<Integer> send(ChatClient client, String room, String body) throws InterruptedException {
        client.send("{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"" + body + "\"}");
        String answer = client.next();
        while (!List.of("ack", "error").contains(JsonPath.<String>read(answer, "$.type"))) {
            answer = client.next();
        }
        return "ack".equals(JsonPath.read(answer, "$.type")) ? List.of(JsonPath.<Integer>read(answer, "$.message.seq")) : List.of();
    }
}
