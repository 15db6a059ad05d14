package io.xaostech.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.xaostech.common.service.XaosService;
import io.xaostech.platform.test.TestHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The two routes that are not plain JSON APIs: chat's WebSocket, authenticated at the handshake (token in the
 * {@code Sec-WebSocket-Protocol} offer, since browsers cannot set headers there) with its Origin checked; and
 * Stripe's webhook, passed on unauthenticated with its body byte for byte.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebSocketAndWebhookTest {

    /** The Origin and X-Forwarded-Host of the last handshake the stand-in chat received. */
    private static final AtomicReference<String> HANDSHAKE = new AtomicReference<>();

    /** A chat stand-in that answers every WebSocket message with "echo:" and the message. */
    private static final DisposableServer CHAT = HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes.ws("/ws/chat", (in, out) -> {
                HANDSHAKE.set(String.join(",", in.headers().getAll("Origin")) + " " + in.headers().get("X-Forwarded-Host"));
                return out.sendString(in.receiveFrames()
                        .map(frame -> "echo:" + frame.content().toString(StandardCharsets.UTF_8)));
            }, WebsocketServerSpec.builder().protocols("xaos.chat.v1").build()))
            .bindNow();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("xaos.services.account.url", GatewayTestBase.ACCOUNT::url);
        GatewayTestBase.BACKENDS.forEach((service, backend) -> registry.add("xaos.services." + service.id() + ".url",
                service == XaosService.CHAT ? () -> "http://127.0.0.1:" + CHAT.port() : backend::url));
    }

    @AfterAll
    static void stop() {
        CHAT.disposeNow();
    }

    @Test
    void aWebSocketWithATokenInItsProtocolOfferIsProxiedBothWays() throws Exception {
        String token = GatewayTestBase.ACCOUNT.token(UUID.randomUUID().toString());
        CompletableFuture<String> reply = new CompletableFuture<>();

        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("xaos.chat.v1", "bearer." + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("hello", true);

        assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("echo:hello");
        assertThat(socket.getSubprotocol()).isEqualTo("xaos.chat.v1");
        assertThat(HANDSHAKE.get()).as("a client without Origin reaches chat as the site itself, which chat's "
                + "same-origin check accepts").isEqualTo("http://127.0.0.1:" + port + " 127.0.0.1:" + port);
        socket.abort();

        HANDSHAKE.set(null);
        WebSocket fromThePage = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", "http://localhost:8080")
                .subprotocols("xaos.chat.v1", "bearer." + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat"), new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> HANDSHAKE.get() != null);
        assertThat(HANDSHAKE.get()).as("an allowed browser Origin reaches chat as it came")
                .isEqualTo("http://localhost:8080 127.0.0.1:" + port);
        fromThePage.abort();
    }

    @Test
    void aWebSocketWithoutCredentialsOrFromAForeignOriginIsRefusedAtTheHandshake() {
        assertThat(refusal(HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("xaos.chat.v1")))
                .as("no credentials").isEqualTo(401);

        String token = GatewayTestBase.ACCOUNT.token(UUID.randomUUID().toString());
        assertThat(refusal(HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", "https://evil.example")
                .subprotocols("xaos.chat.v1", "bearer." + token))).as("a foreign origin").isEqualTo(403);
        assertThat(refusal(HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("xaos.chat.v1", "bearer.not-a-token"))).as("a bad token").isEqualTo(401);
    }

    /** The status with which the gateway refused the handshake. */
    private int refusal(WebSocket.Builder builder) {
        Throwable failure = catchThrowable(() -> builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat"),
                new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS));
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
        }
        throw new AssertionError("The handshake was not refused", failure);
    }

    @Test
    void theStripeWebhookPassesUnauthenticatedWithItsBodyByteForByte() throws InterruptedException {
        byte[] body = "{\n  \"id\": \"evt_1\",  \"note\": \"caf\u00e9 \u2603\"\r\n}\t ".getBytes(StandardCharsets.UTF_8);
        TestHttp http = new TestHttp(port);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(http.uri("/webhooks/stripe"))
                .header("Content-Type", "application/json; charset=utf-8").header("Stripe-Signature", "t=1,v1=abc")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(response.statusCode()).isEqualTo(200);
        StubBackend.Received received = GatewayTestBase.BACKENDS.get(XaosService.PAYMENTS).next();
        assertThat(received.path()).isEqualTo("/webhooks/stripe");
        assertThat(received.body()).isEqualTo(body);
        assertThat(received.header("Stripe-Signature")).isEqualTo("t=1,v1=abc");
    }
}
