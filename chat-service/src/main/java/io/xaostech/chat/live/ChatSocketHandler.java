package io.xaostech.chat.live;

import io.xaostech.chat.live.Frames.Incoming;
import io.xaostech.chat.message.Message;
import io.xaostech.chat.message.MessageService;
import io.xaostech.platform.web.ProblemException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One WebSocket connection of one user: frames in, frames out (docs/chat-protocol.md). Sending goes through
 * {@link MessageService} like the REST API, so a message is stored before it is acknowledged or fanned out.
 * Each connection sends through a bounded buffer: a client that cannot keep up is disconnected with a reason,
 * and never slows the others.
 */
class ChatSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatSocketHandler.class);
    static final int SEND_TIME_LIMIT_MS = 10_000;
    static final int SEND_BUFFER_BYTES = 512 * 1024;
    static final int REPLAY_BATCH = 500;
    static final int MAX_ROOMS_PER_CONNECTION = 100;

    private final MessageService messages;
    private final Subscriptions subscriptions;
    private final JsonMapper json;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    ChatSocketHandler(MessageService messages, Subscriptions subscriptions, JsonMapper json) {
        this.messages = messages;
        this.subscriptions = subscriptions;
        this.json = json;
    }

    private record Connection(UUID user, Instant expires, WebSocketSession out, Map<UUID, Subscription> rooms) {
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        WebSocketSession out = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, SEND_BUFFER_BYTES,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        connections.put(session.getId(), new Connection((UUID) session.getAttributes().get(TokenHandshake.USER),
                (Instant) session.getAttributes().get(TokenHandshake.EXPIRES), out, new ConcurrentHashMap<>()));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage frame) {
        Connection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        if (connection.expires() != null && Instant.now().isAfter(connection.expires())) {
            close(connection, new CloseStatus(4401, "token expired"));
            return;
        }
        Incoming in;
        try {
            in = json.readValue(frame.getPayload(), Incoming.class);
            if (in == null) {
                throw new IllegalArgumentException("null frame");
            }
        } catch (JacksonException | IllegalArgumentException e) {
            send(connection, Frames.Error.of("bad-frame", "A frame is one JSON object of the protocol.", null));
            return;
        }
        try {
            switch (in.type() == null ? "" : in.type()) {
                case "ping" -> send(connection, Frames.Pong.INSTANCE);
                case "subscribe" -> subscribe(connection, in);
                case "unsubscribe" -> unsubscribe(connection, in.room());
                case "send" -> sendMessage(connection, in);
                default -> send(connection, Frames.Error.of("unknown-type",
                        "type must be one of ping, subscribe, unsubscribe, send.", in.clientMessageId()));
            }
        } catch (ProblemException e) {
            send(connection, Frames.Error.of(e.type().code(), e.getMessage(), in.clientMessageId()));
        } catch (RuntimeException e) {
            // A dependency failing (database, Redis) is this frame's failure, not the connection's.
            log.warn("Frame of type {} failed: {}", in.type(), e.toString());
            send(connection, Frames.Error.of("unavailable", "That failed on our side; try again shortly.",
                    in.clientMessageId()));
        }
    }

    private void subscribe(Connection connection, Incoming in) {
        if (in.room() == null) {
            send(connection, Frames.Error.of("invalid-request", "subscribe needs a room.", null));
            return;
        }
        UUID room = in.room();
        long afterSeq = in.afterSeq() == null ? Long.MAX_VALUE : Math.max(0, in.afterSeq());
        // The membership check (and the room's newest number, when the client asks for live messages only).
        List<Message> latest = messages.history(room, connection.user(), null, null, 1);
        long start = afterSeq == Long.MAX_VALUE ? (latest.isEmpty() ? 0 : latest.get(0).seq()) : afterSeq;
        Subscription subscription = new Subscription(room, start, message -> send(connection, Frames.MessageFrame.of(message)),
                after -> messages.since(room, connection.user(), after, REPLAY_BATCH));
        if (!connection.rooms().containsKey(room) && connection.rooms().size() >= MAX_ROOMS_PER_CONNECTION) {
            send(connection, Frames.Error.of("invalid-request", "At most " + MAX_ROOMS_PER_CONNECTION
                    + " rooms per connection.", null));
            return;
        }
        Subscription previous = connection.rooms().put(room, subscription);
        if (previous != null) {
            subscriptions.remove(previous);
        }
        subscriptions.add(subscription);
        send(connection, Frames.Subscribed.of(room, start));
        try {
            subscription.replay();
        } catch (RuntimeException e) {
            connection.rooms().remove(room, subscription);
            subscriptions.remove(subscription);
            throw e;
        }
    }

    private void unsubscribe(Connection connection, UUID room) {
        Subscription subscription = room == null ? null : connection.rooms().remove(room);
        if (subscription != null) {
            subscriptions.remove(subscription);
        }
    }

    private void sendMessage(Connection connection, Incoming in) {
        if (in.room() == null || in.body() == null || in.body().isBlank()) {
            send(connection, Frames.Error.of("invalid-request", "send needs a room and a body.", in.clientMessageId()));
            return;
        }
        if (in.clientMessageId() != null && !in.clientMessageId().matches(MessageService.CLIENT_MESSAGE_ID)) {
            send(connection, Frames.Error.of("invalid-request",
                    "clientMessageId must be 1 to 64 letters, digits, '-' or '_'.", null));
            return;
        }
        MessageService.Sent sent = messages.send(in.room(), connection.user(), in.clientMessageId(), in.body());
        send(connection, Frames.Ack.of(in.clientMessageId(), sent.message()));
    }

    private void send(Connection connection, Object frame) {
        try {
            connection.out().sendMessage(new TextMessage(json.writeValueAsString(frame)));
        } catch (SessionLimitExceededException e) {
            // Too slow to keep up: disconnected with the reason, and nobody else waits for it.
            close(connection, e.getStatus());
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not send to a closing connection: {}", e.toString());
        }
    }

    private void close(Connection connection, CloseStatus status) {
        try {
            connection.out().close(status);
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = connections.remove(session.getId());
        if (connection != null) {
            connection.rooms().values().forEach(subscriptions::remove);
        }
    }
}
