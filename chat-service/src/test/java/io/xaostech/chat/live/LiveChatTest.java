package io.xaostech.chat.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.chat.ChatApplication;
import io.xaostech.common.security.Role;
import io.xaostech.platform.test.TestHttp;
import io.xaostech.platform.test.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two chat-service instances against the same PostgreSQL and Redis, real WebSocket clients over real sockets: a
 * message sent on one arrives on the other, a reconnecting client gets exactly what it missed, bad frames get
 * error frames and the connection stays.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveChatTest {

    private static ConfigurableApplicationContext second;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    private int secondPort;
    private UUID aliceId;
    private String alice;
    private String bob;
    private UUID bobId;
    private String room;

    @BeforeEach
    void twoInstancesAndARoom() {
        if (second == null) {
            second = new SpringApplicationBuilder(ChatApplication.class).run("--server.port=0",
                    "--management.server.port=0",
                    "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                    "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                    "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                    "--spring.data.redis.url=" + environment.getProperty("spring.data.redis.url"),
                    "--xaos.security.issuer=" + environment.getProperty("xaos.security.issuer"),
                    "--xaos.security.jwk-set-uri=" + environment.getProperty("xaos.security.jwk-set-uri"));
        }
        secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
        aliceId = UUID.randomUUID();
        alice = TestIssuer.get().userToken(aliceId, Role.USER);
        bobId = UUID.randomUUID();
        bob = TestIssuer.get().userToken(bobId, Role.USER);
        HttpResponse<String> created = rest(port, "POST", "/api/v1/chat/rooms", alice, "{\"kind\":\"PUBLIC\",\"name\":\"Live\"}");
        room = JsonPath.read(created.body(), "$.id");
        rest(secondPort, "POST", "/api/v1/chat/rooms/" + room + "/join", bob, null);
    }

    @AfterAll
    static void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aMessageSentOnOneInstanceArrivesOnTheOther() throws Exception {
        Client bobOnSecond = connect(secondPort, bob);
        bobOnSecond.send("{\"type\":\"subscribe\",\"room\":\"" + room + "\"}");
        assertThat(bobOnSecond.next("subscribed")).contains(room);

        Client aliceOnFirst = connect(port, alice);
        aliceOnFirst.send("{\"type\":\"send\",\"room\":\"" + room + "\",\"clientMessageId\":\"m1\",\"body\":\"<i>hi</i> Bob\"}");
        String ack = aliceOnFirst.next("ack");
        assertThat((Integer) JsonPath.read(ack, "$.message.seq")).isEqualTo(1);

        String received = bobOnSecond.next("message");
        assertThat((String) JsonPath.read(received, "$.message.body")).as("text as sent").isEqualTo("<i>hi</i> Bob");
        assertThat((String) JsonPath.read(received, "$.message.id")).isEqualTo(JsonPath.read(ack, "$.message.id"));

        aliceOnFirst.send("{\"type\":\"send\",\"room\":\"" + room + "\",\"clientMessageId\":\"m1\",\"body\":\"<i>hi</i> Bob\"}");
        assertThat((String) JsonPath.read(aliceOnFirst.next("ack"), "$.message.id")).as("stored once")
                .isEqualTo(JsonPath.read(ack, "$.message.id"));
        assertThat(bobOnSecond.nothingWithin(Duration.ofMillis(500))).as("and delivered once").isTrue();
    }

    @Test
    void aReconnectingClientGetsExactlyWhatItMissedInOrder() throws Exception {
        Client aliceOnFirst = connect(port, alice);
        for (int i = 1; i <= 2; i++) {
            aliceOnFirst.send("{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"before " + i + "\"}");
            aliceOnFirst.next("ack");
        }
        Client bobOnSecond = connect(secondPort, bob);
        bobOnSecond.send("{\"type\":\"subscribe\",\"room\":\"" + room + "\",\"afterSeq\":0}");
        bobOnSecond.next("subscribed");
        assertThat(JsonPath.<String>read(bobOnSecond.next("message"), "$.message.body")).isEqualTo("before 1");
        assertThat(JsonPath.<String>read(bobOnSecond.next("message"), "$.message.body")).isEqualTo("before 2");
        bobOnSecond.close();

        for (int i = 3; i <= 5; i++) {
            aliceOnFirst.send("{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"missed " + i + "\"}");
            aliceOnFirst.next("ack");
        }
        Client again = connect(port, bob);
        again.send("{\"type\":\"subscribe\",\"room\":\"" + room + "\",\"afterSeq\":2}");
        again.next("subscribed");
        List<Integer> seqs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seqs.add(JsonPath.read(again.next("message"), "$.message.seq"));
        }
        assertThat(seqs).containsExactly(3, 4, 5);
        aliceOnFirst.send("{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"live 6\"}");
        assertThat((Integer) JsonPath.read(again.next("message"), "$.message.seq")).isEqualTo(6);
        assertThat(again.nothingWithin(Duration.ofMillis(300))).isTrue();
    }

    @Test
    void badFramesGetErrorFramesAndTheConnectionStays() throws Exception {
        Client client = connect(port, bob);
        client.send("{not json");
        assertThat((String) JsonPath.read(client.next("error"), "$.code")).isEqualTo("bad-frame");
        client.send("{\"type\":\"dance\"}");
        assertThat((String) JsonPath.read(client.next("error"), "$.code")).isEqualTo("unknown-type");
        String privateRoom = JsonPath.read(rest(port, "POST", "/api/v1/chat/rooms", alice,
                "{\"kind\":\"PRIVATE\",\"name\":\"Closed\"}").body(), "$.id");
        client.send("{\"type\":\"send\",\"room\":\"" + privateRoom + "\",\"clientMessageId\":\"x1\",\"body\":\"let me in\"}");
        String refused = client.next("error");
        assertThat((String) JsonPath.read(refused, "$.code")).isEqualTo("not-found");
        assertThat((String) JsonPath.read(refused, "$.clientMessageId")).isEqualTo("x1");
        client.send("{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"" + "x".repeat(4001) + "\"}");
        assertThat((String) JsonPath.read(client.next("error"), "$.code")).isEqualTo("invalid-request");
        client.send("{\"type\":\"ping\"}");
        assertThat(client.next("pong")).contains("pong");
    }

    @Test
    void aHandshakeWithoutAValidTokenOrFromAStrangeOriginIsRefused() {
        assertThat(refusal(() -> connect(port, null))).isEqualTo(401);
        assertThat(refusal(() -> connect(port, alice + "x"))).isEqualTo(401);
        assertThat(refusal(() -> HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("bearer." + alice)
                .header("Origin", "https://evil.example")
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat"), new Client()).get(10, TimeUnit.SECONDS)))
                .isEqualTo(403);
    }

    /** The HTTP status a refused handshake was answered with. */
    private static int refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable handshake) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(handshake);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
        }
        throw new AssertionError("the handshake was not refused", thrown);
    }

    private static HttpResponse<String> rest(int port, String method, String path, String token, String json) {
        TestHttp http = new TestHttp(port);
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request);
    }

    private static Client connect(int port, String token) throws Exception {
        Client client = new Client();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (token != null) {
            builder.subprotocols("xaos-chat.v1", "bearer." + token);
        }
        client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat"), client).get(10, TimeUnit.SECONDS);
        if (token != null) {
            assertThat(client.socket.getSubprotocol()).as("the token is not echoed back").isEqualTo("xaos-chat.v1");
        }
        return client;
    }

    /** A WebSocket client collecting the frames it receives. */
    static final class Client implements WebSocket.Listener {

        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void send(String frame) {
            socket.sendText(frame, true).join();
        }

        /** The next frame of the given type (others before it are skipped), within 10 s. */
        String next(String type) throws InterruptedException {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline) {
                String frame = frames.poll(100, TimeUnit.MILLISECONDS);
                if (frame != null && type.equals(JsonPath.read(frame, "$.type"))) {
                    return frame;
                }
            }
            throw new AssertionError("no " + type + " frame within 10 s");
        }

        boolean nothingWithin(Duration wait) throws InterruptedException {
            String frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            return frame == null;
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }
}
