package io.xaostech.webfront.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Relays a browser's connection to chat-service's {@code /ws/chat}, opened with the visitor's access token
 * (from {@link RelayHandshake}), frame for frame and in order both ways; either side closing closes the other with
 * the same code, so the page's client sees chat's own codes (4401 when the token ran out: it reconnects, and the
 * handshake gets a refreshed token). A page whose visitor is no longer signed in is closed with {@value #SIGNED_OUT}.
 * Frames to chat are sent asynchronously, chained per connection (no container thread waits on chat); a browser
 * that sends faster than chat takes, or reads slower than chat sends for 10 s, is disconnected.
 */
final class ChatRelay extends TextWebSocketHandler implements SubProtocolCapable {

    static final String PROTOCOL = "xaos-chat.v1";
    /** chat's own frame limit; the relay holds no more than this per frame. */
    static final int MAX_FRAME_CHARS = 65_536;
    /** Close code for "not signed in (any more)": the page asks the visitor to sign in again. */
    static final int SIGNED_OUT = 4403;
    /** Frames from the browser waiting for chat to take them; more means the browser floods. */
    static final int MAX_PENDING_FRAMES = 64;
    private static final String RELAY = "xaos.chat.relay";
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final long BROWSER_SEND_TIMEOUT_MS = 10_000;
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
        String token = (String) browser.getAttributes().get(RelayHandshake.TOKEN);
        if (token == null) {
            browser.close(new CloseStatus(SIGNED_OUT, "sign in again"));
            return;
        }
        if (browser instanceof NativeWebSocketSession nativeSession) {
            jakarta.websocket.Session socket = nativeSession.getNativeSession(jakarta.websocket.Session.class);
            if (socket != null) {
                // A browser that does not read what chat sends for this long is dropped, not waited on for 20 s.
                socket.getUserProperties().put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", BROWSER_SEND_TIMEOUT_MS);
            }
        }
        CompletableFuture<WebSocket> opening = http.newWebSocketBuilder().connectTimeout(CONNECT)
                .header("Authorization", "Bearer " + token)
                .subprotocols(PROTOCOL)
                .buildAsync(chatSocket, new Upstream(browser));
        try {
            browser.getAttributes().put(RELAY, new Relay(opening.get(CONNECT.toSeconds() + 1, TimeUnit.SECONDS), browser));
        } catch (ExecutionException e) {
            boolean refused = e.getCause() instanceof WebSocketHandshakeException handshake
                    && handshake.getResponse().statusCode() == 401;
            if (!refused) {
                log.warn("chat's WebSocket could not be opened for a page: {}", e.getCause().toString());
            }
            browser.close(refused ? new CloseStatus(SIGNED_OUT, "sign in again") : CloseStatus.SERVICE_RESTARTED);
        } catch (TimeoutException e) {
            log.warn("chat's WebSocket did not open within {}", CONNECT);
            opening.thenAccept(WebSocket::abort);
            browser.close(CloseStatus.SERVICE_RESTARTED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            opening.thenAccept(WebSocket::abort);
            browser.close(CloseStatus.SERVICE_RESTARTED);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession browser, TextMessage message) {
        Relay relay = (Relay) browser.getAttributes().get(RELAY);
        if (relay != null) {
            relay.toChat(message.getPayload());
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession browser, CloseStatus status) {
        Relay relay = (Relay) browser.getAttributes().get(RELAY);
        if (relay != null) {
            relay.close(status.getCode());
        }
    }

    @Override
    public void handleTransportError(WebSocketSession browser, Throwable exception) {
        log.debug("browser connection failed: {}", exception.toString());
    }

    private static void closeBrowser(WebSocketSession browser, CloseStatus status) {
        try {
            if (browser.isOpen()) {
                browser.close(status);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("closing the browser's connection failed: {}", e.toString());
        }
    }

    /** One page's connection to chat: the browser's frames, sent one after another without blocking anyone. */
    private static final class Relay {
        private final WebSocket upstream;
        private final WebSocketSession browser;
        private final AtomicInteger pending = new AtomicInteger();
        private CompletableFuture<?> last = CompletableFuture.completedFuture(null);

        Relay(WebSocket upstream, WebSocketSession browser) {
            this.upstream = upstream;
            this.browser = browser;
        }

        synchronized void toChat(String frame) {
            if (pending.incrementAndGet() > MAX_PENDING_FRAMES) {
                upstream.abort();
                closeBrowser(browser, CloseStatus.POLICY_VIOLATION.withReason("too many frames"));
                return;
            }
            last = last.thenCompose(ignored -> upstream.sendText(frame, true)).whenComplete((sent, failure) -> {
                pending.decrementAndGet();
                if (failure != null) {
                    upstream.abort();
                    closeBrowser(browser, CloseStatus.SERVICE_RESTARTED);
                }
            });
        }

        void close(int code) {
            if (!upstream.isOutputClosed()) {
                // 1005/1006 are not sent on the wire; other codes a client may send pass on, the rest abort.
                int sent = code == 1005 || code == 1006 ? 1000 : code;
                upstream.sendClose(sent, "").orTimeout(2, TimeUnit.SECONDS)
                        .whenComplete((ignored, failure) -> upstream.abort());
            }
        }
    }

    /** chat's frames, passed on to the browser whole; chat closing closes the browser's connection alike. */
    private static final class Upstream implements WebSocket.Listener {
        private final WebSocketSession browser;
        private final StringBuilder partial = new StringBuilder();

        Upstream(WebSocketSession browser) {
            this.browser = browser;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            if (partial.length() + data.length() > MAX_FRAME_CHARS) {
                socket.abort();
                closeBrowser(browser, CloseStatus.TOO_BIG_TO_PROCESS);
                return null;
            }
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                try {
                    // Only this thread sends to the browser; the container's send timeout bounds a slow reader.
                    browser.sendMessage(new TextMessage(frame));
                } catch (IOException | RuntimeException e) {
                    socket.abort();
                    closeBrowser(browser, CloseStatus.SESSION_NOT_RELIABLE);
                    return null;
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            closeBrowser(browser, new CloseStatus(code == 1005 || code == 1006 ? 1011 : code, reason));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closeBrowser(browser, CloseStatus.SERVICE_RESTARTED);
        }
    }
}
