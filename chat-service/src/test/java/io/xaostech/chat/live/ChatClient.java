package io.xaostech.chat.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.platform.test.TestHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client of {@code /ws/chat} (java.net.http) collecting the frames it receives, for tests. */
final class ChatClient implements WebSocket.Listener {

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    WebSocket socket;

    /** Connects with the token offered as a subprotocol beside {@code xaos-chat.v1} (none: no token at all). */
    static ChatClient connect(int port, String token) throws Exception {
        ChatClient client = new ChatClient();
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

    /** A REST call with a bearer token and a JSON body (or none). */
    static HttpResponse<String> rest(int port, String method, String path, String token, String json) {
        return new TestHttp(port).call(method, path, token, json);
    }

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

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** The next frame of the given type (others before it are skipped), within 10 s. */
    String next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        java.util.List<String> skipped = new java.util.ArrayList<>();
        while (System.nanoTime() < deadline) {
            String frame = frames.poll(100, TimeUnit.MILLISECONDS);
            if (frame != null && type.equals(JsonPath.read(frame, "$.type"))) {
                return frame;
            }
            if (frame != null) {
                skipped.add(frame);
            }
        }
        throw new AssertionError("no " + type + " frame within 10 s; skipped " + skipped + (closed.isDone() ? ", closed with " + closed.join() : ""));
    }

    /** The next frame whatever its type, within 10 s. */
    String next() throws InterruptedException {
        String frame = frames.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within 10 s");
        }
        return frame;
    }

    /** Whether no frame of the type arrives within the wait (frames of other types are skipped). */
    boolean noneWithin(String type, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            String frame = frames.poll(20, TimeUnit.MILLISECONDS);
            if (frame != null && type.equals(JsonPath.read(frame, "$.type"))) {
                return false;
            }
        }
        return true;
    }

    boolean nothingWithin(Duration wait) throws InterruptedException {
        return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS) == null;
    }

    /** The close code the server closed with, waiting up to {@code wait}. */
    int closeCode(Duration wait) throws Exception {
        return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }
}
