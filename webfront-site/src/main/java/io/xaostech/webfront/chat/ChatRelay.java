package io.xaostech.webfront.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Relays a browser's connection to chat-service's {@code /ws/chat}, opened with the visitor's access token
 * (from {@link RelayHandshake}), frame for frame both ways; either side closing closes the other with the same
 * code, so the page's client sees chat's own codes (4401 when the token ran out: it reconnects, and the handshake
 * gets a refreshed token).
 */
final class ChatRelay extends TextWebSocketHandler implements SubProtocolCapable {

    static final String PROTOCOL = "xaos-chat.v1";
    /** chat's own frame limit; the relay holds no more than this per frame. */
    static final int MAX_FRAME_CHARS = 65_536;
    /** Close code for "signed out or token refused": the page asks the visitor to sign in again. */
    static final int UNAUTHORIZED = 4401;
    private static final String UPSTREAM = "xaos.chat.upstream";
    private static final String DOWNSTREAM = "xaos.chat.downstream";
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final long SEND_TIMEOUT_SECONDS = 10;
    private static final Logger log = LoggerFactory.getLogger(ChatRelay.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT).build();
    private final URI chatSocket;

    ChatRelay(URI chatSocket) {
        this.chatSocket = chatSocket;
    }

    @Override
    public List<String> getSubProtocols() {
        return List.of(PROTOCOL);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession browser) throws IOException {
        // Sends to the browser come from the upstream's thread and this one: serialised, bounded, never blocking.
        WebSocketSession down = new ConcurrentWebSocketSessionDecorator(browser, (int) TimeUnit.SECONDS.toMillis(10),
                8 * MAX_FRAME_CHARS);
        browser.getAttributes().put(DOWNSTREAM, down);
        String token = (String) browser.getAttributes().get(RelayHandshake.TOKEN);
        try {
            WebSocket upstream = http.newWebSocketBuilder().connectTimeout(CONNECT)
                    .header("Authorization", "Bearer " + token)
                    .subprotocols(PROTOCOL)
                    .buildAsync(chatSocket, new Upstream(down))
                    .get(CONNECT.toSeconds() + 1, TimeUnit.SECONDS);
            browser.getAttributes().put(UPSTREAM, upstream);
        } catch (ExecutionException e) {
            boolean refused = e.getCause() instanceof WebSocketHandshakeException handshake
                    && handshake.getResponse().statusCode() == 401;
            if (!refused) {
                log.warn("chat's WebSocket could not be opened for a page: {}", e.getCause().toString());
            }
            down.close(refused ? new CloseStatus(UNAUTHORIZED, "sign in again") : CloseStatus.SERVICE_RESTARTED);
        } catch (TimeoutException e) {
            log.warn("chat's WebSocket did not open within {}", CONNECT);
            down.close(CloseStatus.SERVICE_RESTARTED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            down.close(CloseStatus.SERVICE_RESTARTED);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession browser, TextMessage message) throws IOException {
        WebSocket upstream = (WebSocket) browser.getAttributes().get(UPSTREAM);
        if (upstream == null || upstream.isOutputClosed()) {
            return;
        }
        try {
            // One frame at a time per connection (the container delivers them so): chat's pace is the browser's.
            upstream.sendText(message.getPayload(), true).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            upstream.abort();
            downstream(browser).close(CloseStatus.SERVICE_RESTARTED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            upstream.abort();
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession browser, CloseStatus status) {
        WebSocket upstream = (WebSocket) browser.getAttributes().get(UPSTREAM);
        if (upstream != null && !upstream.isOutputClosed()) {
            int code = status.getCode() == 1005 || status.getCode() == 1006 ? 1000 : status.getCode();
            upstream.sendClose(code, "").orTimeout(2, TimeUnit.SECONDS)
                    .whenComplete((ignored, failure) -> upstream.abort());
        }
    }

    @Override
    public void handleTransportError(WebSocketSession browser, Throwable exception) {
        log.debug("browser connection failed: {}", exception.toString());
    }

    private static WebSocketSession downstream(WebSocketSession browser) {
        Object down = browser.getAttributes().get(DOWNSTREAM);
        return down instanceof WebSocketSession session ? session : browser;
    }

    /** chat's frames, passed on to the browser whole; chat closing closes the browser's connection alike. */
    private static final class Upstream implements WebSocket.Listener {
        private final WebSocketSession down;
        private final StringBuilder partial = new StringBuilder();

        Upstream(WebSocketSession down) {
            this.down = down;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            if (partial.length() + data.length() > MAX_FRAME_CHARS) {
                socket.abort();
                closeDown(CloseStatus.TOO_BIG_TO_PROCESS);
                return null;
            }
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                try {
                    down.sendMessage(new TextMessage(frame));
                } catch (IOException | RuntimeException e) {
                    // The browser is gone or too slow to read (the decorator's limits): chat need not wait for it.
                    socket.abort();
                    closeDown(CloseStatus.SESSION_NOT_RELIABLE);
                    return null;
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            closeDown(new CloseStatus(code == 1005 || code == 1006 ? 1011 : code, reason));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closeDown(CloseStatus.SERVICE_RESTARTED);
        }

        private void closeDown(CloseStatus status) {
            try {
                if (down.isOpen()) {
                    down.close(status);
                }
            } catch (IOException | CompletionException e) {
                log.debug("closing the browser's connection failed: {}", e.toString());
            }
        }
    }
}
