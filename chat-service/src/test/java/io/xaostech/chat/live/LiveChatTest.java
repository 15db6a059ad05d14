package io.xaostech.chat.live;

import static io.xaostech.chat.live.ChatClient.connect;
import static io.xaostech.chat.live.ChatClient.rest;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.chat.ChatApplication;
import io.xaostech.common.event.EventEnvelope;
import io.xaostech.common.event.SessionEnded;
import io.xaostech.common.event.Topics;
import io.xaostech.common.id.EventId;
import io.xaostech.common.id.SessionId;
import io.xaostech.common.id.UserId;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two chat-service instances against the same PostgreSQL and Redis, real WebSocket clients over real sockets: a
 * message sent on one arrives on the other, a reconnecting client gets exactly what it missed, bad frames get
 * error frames and the connection stays.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xaos.chat.messages-per-window=100000", "xaos.chat.max-message-length=20000",
        "xaos.platform.events.poll-interval=200ms", "xaos.chat.feed-sweep-interval=500ms"})
class LiveChatTest {

    private static ConfigurableApplicationContext second;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

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
                    "--xaos.security.jwk-set-uri=" + environment.getProperty("xaos.security.jwk-set-uri"),
                    "--xaos.chat.messages-per-window=100000", "--xaos.chat.max-message-length=20000",
                    "--xaos.platform.events.poll-interval=200ms", "--xaos.chat.feed-sweep-interval=500ms");
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
        ChatClient bobOnSecond = connect(secondPort, bob);
        bobOnSecond.send(subscribe(null));
        assertThat(bobOnSecond.next("subscribed")).contains(room);

        ChatClient aliceOnFirst = connect(port, alice);
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
    void aStoredMessageWhoseFanOutRecordWasLostStillArrives() throws Exception {
        ChatClient bobOnSecond = connect(secondPort, bob);
        bobOnSecond.send(subscribe(null));
        bobOnSecond.next("subscribed");
        // Stored as a send stores it, but never put on the fan-out stream (as when Redis fails in between).
        jdbc.sql("update rooms set last_seq = last_seq + 1 where id = ?::uuid").param(room).update();
        jdbc.sql("insert into messages (id, room_id, seq, sender_id, body) values (?, ?::uuid, 1, ?, 'unannounced')")
                .params(UUID.randomUUID(), room, aliceId).update();
        assertThat(JsonPath.<String>read(bobOnSecond.next("message"), "$.message.body")).isEqualTo("unannounced");
    }

    @Test
    void aReconnectingClientGetsExactlyWhatItMissedInOrder() throws Exception {
        ChatClient aliceOnFirst = connect(port, alice);
        for (int i = 1; i <= 2; i++) {
            aliceOnFirst.send("{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"before " + i + "\"}");
            aliceOnFirst.next("ack");
        }
        ChatClient bobOnSecond = connect(secondPort, bob);
        bobOnSecond.send(subscribe(0L));
        bobOnSecond.next("subscribed");
        assertThat(JsonPath.<String>read(bobOnSecond.next("message"), "$.message.body")).isEqualTo("before 1");
        assertThat(JsonPath.<String>read(bobOnSecond.next("message"), "$.message.body")).isEqualTo("before 2");
        bobOnSecond.close();

        for (int i = 3; i <= 5; i++) {
            aliceOnFirst.send("{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"missed " + i + "\"}");
            aliceOnFirst.next("ack");
        }
        ChatClient again = connect(port, bob);
        again.send(subscribe(2L));
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
        ChatClient client = connect(port, bob);
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
        client.send("{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"" + "x".repeat(20001) + "\"}");
        assertThat((String) JsonPath.read(client.next("error"), "$.code")).isEqualTo("invalid-request");
        client.send("{\"type\":\"ping\"}");
        assertThat(client.next("pong")).contains("pong");

        String longBody = "z".repeat(15_000);
        client.send("{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"" + longBody + "\"}");
        assertThat(JsonPath.<String>read(client.next("ack"), "$.message.body")).as("a frame longer than the container's buffer")
                .isEqualTo(longBody);
        client.send("{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"" + "z".repeat(70_000) + "\"}");
        assertThat(client.closeCode(Duration.ofSeconds(10))).as("a frame over 64K characters").isEqualTo(1009);
    }

    @Test
    void aHandshakeWithoutAValidTokenOrFromAStrangeOriginIsRefused() {
        assertThat(refusal(() -> connect(port, null))).isEqualTo(401);
        assertThat(refusal(() -> connect(port, alice + "x"))).isEqualTo(401);
        assertThat(refusal(() -> HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("bearer." + alice)
                .header("Origin", "https://evil.example")
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat"), new ChatClient()).get(10, TimeUnit.SECONDS)))
                .isEqualTo(403);
    }

    @Test
    void editsAndDeletesAreNumberedEventsEverywhereAndADeletedTextIsNeverReplayed() throws Exception {
        ChatClient bobOnSecond = connect(secondPort, bob);
        bobOnSecond.send(subscribe(null));
        bobOnSecond.next("subscribed");
        ChatClient aliceOnFirst = connect(port, alice);
        aliceOnFirst.send("{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"first draft\"}");
        String id = JsonPath.read(aliceOnFirst.next("ack"), "$.message.id");
        String original = bobOnSecond.next("message");

        bobOnSecond.send("{\"type\":\"edit\",\"room\":\"" + room + "\",\"messageId\":\"" + id + "\",\"body\":\"mine now\"}");
        assertThat((String) JsonPath.read(bobOnSecond.next("error"), "$.code")).isEqualTo("forbidden");
        bobOnSecond.send("{\"type\":\"delete\",\"room\":\"" + room + "\",\"messageId\":\"" + id + "\"}");
        assertThat((String) JsonPath.read(bobOnSecond.next("error"), "$.code")).as("members delete only their own")
                .isEqualTo("forbidden");

        aliceOnFirst.send("{\"type\":\"edit\",\"room\":\"" + room + "\",\"messageId\":\"" + id + "\",\"body\":\"second draft\"}");
        assertThat((Integer) JsonPath.read(aliceOnFirst.next("ack"), "$.message.seq")).isEqualTo(2);
        aliceOnFirst.send("{\"type\":\"delete\",\"room\":\"" + room + "\",\"messageId\":\"" + id + "\"}");
        assertThat((String) JsonPath.read(aliceOnFirst.next("ack"), "$.message.kind")).isEqualTo("DELETE");

        List<String> live = List.of(original, bobOnSecond.next("message"), bobOnSecond.next("message"));
        assertThat(live).extracting(f -> JsonPath.<String>read(f, "$.message.kind")).containsExactly("MESSAGE", "EDIT", "DELETE");
        assertThat(live).extracting(f -> JsonPath.<Integer>read(f, "$.message.seq")).containsExactly(1, 2, 3);
        assertThat(JsonPath.<String>read(live.get(1), "$.message.body")).isEqualTo("second draft");
        assertThat(JsonPath.<String>read(live.get(2), "$.message.targetId")).isEqualTo(id);

        ChatClient replaying = connect(port, bob);
        replaying.send(subscribe(0L));
        List<String> replayed = List.of(replaying.next("message"), replaying.next("message"), replaying.next("message"));
        assertThat(replayed).extracting(f -> JsonPath.<Integer>read(f, "$.message.seq")).containsExactly(1, 2, 3);
        assertThat(String.join("", replayed)).as("the deleted text is gone from the replay").doesNotContain("draft");
        assertThat(JsonPath.<Boolean>read(replayed.get(0), "$.message.deleted")).isTrue();
    }

    @Test
    void aRemovedMemberHearsNothingMoreAndABannedOneCannotComeBack() throws Exception {
        ChatClient bobOnSecond = connect(secondPort, bob);
        bobOnSecond.send(subscribe(null));
        bobOnSecond.next("subscribed");
        ChatClient aliceOnFirst = connect(port, alice);
        aliceOnFirst.send("{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"before the ban\"}");
        aliceOnFirst.next("ack");
        assertThat(rest(port, "POST", "/api/v1/chat/rooms/" + room + "/bans", alice, "{\"userId\":\"" + bobId + "\"}")
                .statusCode()).isEqualTo(204);
        aliceOnFirst.send("{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"after the ban\"}");
        aliceOnFirst.next("ack");

        assertThat(JsonPath.<String>read(bobOnSecond.next("message"), "$.message.body")).isEqualTo("before the ban");
        String ended = bobOnSecond.next("unsubscribed");
        assertThat(JsonPath.<String>read(ended, "$.reason")).isEqualTo("banned");
        assertThat(bobOnSecond.noneWithin("message", Duration.ofMillis(500))).as("nothing after the removal").isTrue();

        bobOnSecond.send(subscribe(0L));
        assertThat((String) JsonPath.read(bobOnSecond.next("error"), "$.code")).isEqualTo("forbidden");
        assertThat(rest(port, "POST", "/api/v1/chat/rooms/" + room + "/join", bob, null).statusCode()).isEqualTo(403);
    }

    @Test
    void typingNoticesReachTheOthersThrottledAndPresenceShowsWhoIsConnected() throws Exception {
        ChatClient aliceOnFirst = connect(port, alice);
        aliceOnFirst.send(subscribe(null));
        aliceOnFirst.next("subscribed");
        ChatClient bobOnSecond = connect(secondPort, bob);
        bobOnSecond.send(subscribe(null));
        bobOnSecond.next("subscribed");

        bobOnSecond.send("{\"type\":\"typing\",\"room\":\"" + room + "\"}");
        assertThat(JsonPath.<String>read(aliceOnFirst.next("typing"), "$.user")).isEqualTo(bobId.toString());
        bobOnSecond.send("{\"type\":\"typing\",\"room\":\"" + room + "\"}");
        assertThat(aliceOnFirst.noneWithin("typing", Duration.ofMillis(700))).as("at most one notice per 2 s").isTrue();
        assertThat(bobOnSecond.noneWithin("typing", Duration.ofMillis(100))).as("not told to the typist").isTrue();

        String presence = rest(port, "GET", "/api/v1/chat/rooms/" + room + "/presence", alice, null).body();
        assertThat(JsonPath.<List<String>>read(presence, "$.online")).contains(aliceId.toString(), bobId.toString());
    }

    @Test
    void theReadMarkerMovesForwardOnly() throws Exception {
        ChatClient aliceOnFirst = connect(port, alice);
        for (int i = 0; i < 3; i++) {
            aliceOnFirst.send("{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"m" + i + "\"}");
            aliceOnFirst.next("ack");
        }
        ChatClient bobOnSecond = connect(secondPort, bob);
        bobOnSecond.send("{\"type\":\"read\",\"room\":\"" + room + "\",\"seq\":2}");
        bobOnSecond.send("{\"type\":\"read\",\"room\":\"" + room + "\",\"seq\":1}");
        bobOnSecond.send("{\"type\":\"read\",\"room\":\"" + room + "\"}");
        assertThat((String) JsonPath.read(bobOnSecond.next("error"), "$.code")).isEqualTo("invalid-request");
        String members = rest(port, "GET", "/api/v1/chat/rooms/" + room + "/members", alice, null).body();
        assertThat(JsonPath.<List<Integer>>read(members, "$[?(@.userId == '" + bobId + "')].lastReadSeq")).containsExactly(2);
        bobOnSecond.send("{\"type\":\"read\",\"room\":\"" + room + "\",\"seq\":99}");
        bobOnSecond.send("{\"type\":\"ping\"}");
        bobOnSecond.next("pong");
        members = rest(port, "GET", "/api/v1/chat/rooms/" + room + "/members", alice, null).body();
        assertThat(JsonPath.<List<Integer>>read(members, "$[?(@.userId == '" + bobId + "')].lastReadSeq"))
                .as("never past the newest event").containsExactly(3);
    }

    @Test
    void aConnectionEndsWhenItsTokenExpires() throws Exception {
        String shortLived = TestIssuer.get().userToken(bobId,
                claims -> claims.expirationTime(java.util.Date.from(java.time.Instant.now().plusSeconds(2))), Role.USER);
        ChatClient listening = connect(port, shortLived);
        listening.send(subscribe(null));
        listening.next("subscribed");
        assertThat(listening.closeCode(Duration.ofSeconds(10))).isEqualTo(4401);
    }

    @Test
    void connectionsOfAnEndedAccountSessionCloseOnEveryInstance() throws Exception {
        UUID sid = UUID.randomUUID();
        String token = TestIssuer.get().userToken(bobId, claims -> claims.claim("sid", sid.toString()), Role.USER);
        ChatClient onFirst = connect(port, token);
        ChatClient onSecond = connect(secondPort, token);
        ChatClient otherSession = connect(secondPort, bob);
        EventEnvelope<SessionEnded> event = new EventEnvelope<>(EventId.random(), SessionEnded.TYPE, SessionEnded.VERSION,
                "account", bobId.toString(), Instant.now(), null,
                new SessionEnded(new UserId(bobId), new SessionId(sid), Instant.now()));
        redis.opsForStream().add(StreamRecords.newRecord().in(Topics.ACCOUNT).ofMap(Map.of(
                Topics.FIELD_TYPE, SessionEnded.TYPE, Topics.FIELD_ENVELOPE, json.writeValueAsString(event))));
        assertThat(onFirst.closeCode(Duration.ofSeconds(10))).isEqualTo(4401);
        assertThat(onSecond.closeCode(Duration.ofSeconds(10))).isEqualTo(4401);
        otherSession.send("{\"type\":\"ping\"}");
        assertThat(otherSession.next("pong")).as("other sessions stay").isNotNull();
        assertThat(refusal(() -> connect(secondPort, token))).as("and the ended session's token opens nothing new")
                .isEqualTo(401);
    }

    @Test
    void framesBeyondTheAllowanceAreRefusedAndAFloodClosesTheConnection() throws Exception {
        ChatClient client = connect(port, bob);
        for (int i = 0; i < 30; i++) {
            client.send("{\"type\":\"ping\"}");
        }
        assertThat((String) JsonPath.read(client.next("error"), "$.code")).isEqualTo("rate-limited");
        for (int i = 0; i < 150; i++) {
            client.socket.sendText("{\"type\":\"ping\"}", true);
        }
        assertThat(client.closeCode(Duration.ofSeconds(10))).isEqualTo(1008);
    }

    @Test
    void aClientThatDoesNotReadIsCutOffAndNobodyElseWaitsForIt() throws Exception {
        ChatClient bobOnSecond = connect(secondPort, bob);
        bobOnSecond.send(subscribe(null));
        bobOnSecond.next("subscribed");
        try (StalledClient stalled = StalledClient.connect(secondPort, TestIssuer.get().userToken(bobId, Role.USER))) {
            stalled.send(subscribe(null));
            int sent = 600;
            String body = "y".repeat(19_990);
            for (int i = 1; i <= sent; i++) {
                assertThat(rest(port, "POST", "/api/v1/chat/rooms/" + room + "/messages", alice,
                        "{\"body\":\"" + i + body + "\"}").statusCode()).isEqualTo(201);
            }
            for (int i = 1; i <= sent; i++) {
                assertThat(JsonPath.<Integer>read(bobOnSecond.next("message"), "$.message.seq")).as("all, in order").isEqualTo(i);
            }
            StalledClient.Ending ending = stalled.readToEnd();
            assertThat(ending.textFrames()).as("cut off before the end").isLessThan(sent);
            if (ending.closeCode() != -1) {
                assertThat(ending.closeCode()).isEqualTo(4008);
            }
        }
    }

    private String subscribe(Long afterSeq) {
        return "{\"type\":\"subscribe\",\"room\":\"" + room + "\"" + (afterSeq == null ? "" : ",\"afterSeq\":" + afterSeq) + "}";
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
}
