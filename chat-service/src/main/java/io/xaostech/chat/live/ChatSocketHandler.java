package io.xaostech.chat.live;

import io.xaostech.chat.live.Frames.Incoming;
import io.xaostech.chat.live.Subscription.Delivery;
import io.xaostech.chat.message.Message;
import io.xaostech.chat.message.MessageService;
import io.xaostech.chat.presence.Presence;
import io.xaostech.chat.room.RoomService;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WebSocket connections of this instance: frames in, frames out (docs/chat-protocol.md). Sending, editing
 * and deleting go through {@link MessageService} like the REST API, so an event is stored before it is
 * acknowledged or fanned out. Frames out go through each connection's {@link Outbound}, which never blocks;
 * a connection ends when its token expires, and closing never blocks the thread asking for it.
 */
@Component
class ChatSocketHandler extends TextWebSocketHandler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChatSocketHandler.class);
    static final long SEND_TIME_LIMIT_MS = 10_000;
    static final long SEND_BUFFER_CHARS = 512 * 1024;
    /** How far behind a subscribing client may be and still be replayed to; further, it pages over REST. */
    static final int MAX_REPLAY = 2_000;
    static final int REPLAY_BATCH = 500;
    static final int MAX_ROOMS_PER_CONNECTION = 100;
    static final int MAX_CONNECTIONS_PER_USER = 20;
    /** Largest frame accepted, in characters; a longer one closes the connection with 1009 (message too big). */
    static final int MAX_FRAME_CHARS = 64 * 1024;
    private static final List<String> KNOWN_TYPES = List.of("ping", "subscribe", "unsubscribe", "send", "edit", "delete",
            "typing", "read");
    private static final String TYPES = String.join(", ", KNOWN_TYPES);

    private final MessageService messages;
    private final RoomService rooms;
    private final Feeds feeds;
    private final Fanout fanout;
    private final Presence presence;
    private final JsonMapper json;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<UUID, Integer> perUser = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor expiries = new ScheduledThreadPoolExecutor(1,
            new CustomizableThreadFactory("chat-expiry-"));
    private final ExecutorService closer = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), new CustomizableThreadFactory("chat-close-"));

    ChatSocketHandler(MessageService messages, RoomService rooms, Feeds feeds, Fanout fanout, Presence presence,
                      JsonMapper json) {
        this.messages = messages;
        this.rooms = rooms;
        this.feeds = feeds;
        this.fanout = fanout;
        this.presence = presence;
        this.json = json;
        expiries.setRemoveOnCancelPolicy(true);
        ((ThreadPoolExecutor) closer).allowCoreThreadTimeOut(true);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        jakarta.websocket.Session socket = ((NativeWebSocketSession) session).getNativeSession(jakarta.websocket.Session.class);
        socket.getAsyncRemote().setSendTimeout(SEND_TIME_LIMIT_MS);
        // Closing a connection whose send is stuck waits this long for it, not the container's 20 s.
        socket.getUserProperties().put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", 2_000L);
        Consumer<CloseStatus> close = status -> closer.execute(() -> closeNow(session, status));
        UUID user = (UUID) session.getAttributes().get(TokenHandshake.USER);
        Instant expires = (Instant) session.getAttributes().get(TokenHandshake.EXPIRES);
        Connection connection = new Connection(session.getId(), user,
                (String) session.getAttributes().get(TokenHandshake.SESSION), expires,
                new Outbound(socket, SEND_BUFFER_CHARS, close), close, json);
        boolean[] admitted = new boolean[1];
        perUser.compute(user, (u, count) -> {
            int now = count == null ? 0 : count;
            admitted[0] = now < MAX_CONNECTIONS_PER_USER;
            return admitted[0] ? now + 1 : (now == 0 ? null : now);
        });
        if (!admitted[0]) {
            close.accept(new CloseStatus(4429, "too many connections"));
            return;
        }
        connections.put(session.getId(), connection);
        if (expires != null) {
            connection.expireAt(expiries.schedule(() -> connection.close(new CloseStatus(4401, "token expired")),
                    Math.max(0, Duration.between(Instant.now(), expires).toMillis()), TimeUnit.MILLISECONDS));
        }
        presence.refresh(user);
    }

    /** Long frames arrive in parts, so that the container's buffer per connection stays small. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage part) {
        Connection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        String payload = connection.assemble(part.getPayload(), part.isLast(), MAX_FRAME_CHARS);
        if (payload == null) {
            if (connection.assembling() > MAX_FRAME_CHARS) {
                connection.close(new CloseStatus(CloseStatus.TOO_BIG_TO_PROCESS.getCode(),
                        "frames are at most " + MAX_FRAME_CHARS + " characters"));
            }
            return;
        }
        if (connection.expires() != null && Instant.now().isAfter(connection.expires())) {
            connection.close(new CloseStatus(4401, "token expired"));
            return;
        }
        int frames = connection.countFrame(System.nanoTime());
        if (frames > Connection.ABUSIVE_FRAMES_PER_SECOND) {
            connection.close(CloseStatus.POLICY_VIOLATION.withReason("flooding"));
            return;
        }
        if (frames > Connection.FRAMES_PER_SECOND) {
            connection.send(Frames.Error.of("rate-limited", "At most " + Connection.FRAMES_PER_SECOND
                    + " frames a second; this one was dropped.", null));
            return;
        }
        if (connection.presenceDue(System.nanoTime())) {
            presence.refresh(connection.user());
        }
        Incoming in;
        try {
            in = json.readValue(payload, Incoming.class);
            if (in == null) {
                throw new IllegalArgumentException("null frame");
            }
        } catch (JacksonException | IllegalArgumentException e) {
            connection.send(Frames.Error.of("bad-frame", "A frame is one JSON object of the protocol.", null));
            return;
        }
        try {
            handle(connection, in);
        } catch (ProblemException e) {
            connection.send(Frames.Error.of(e.type().code(), e.getMessage(), in.clientMessageId()));
        } catch (RuntimeException e) {
            // A dependency failing (database, Redis) is this frame's failure, not the connection's.
            log.warn("Frame of type {} failed: {}", in.type(), e.toString());
            connection.send(Frames.Error.of("unavailable", "That failed on our side; try again shortly.",
                    in.clientMessageId()));
        }
    }

    private void handle(Connection connection, Incoming in) {
        String type = in.type() == null ? "" : in.type();
        if (!KNOWN_TYPES.contains(type)) {
            connection.send(Frames.Error.of("unknown-type", "type must be one of " + TYPES + ".", in.clientMessageId()));
            return;
        }
        if (!type.equals("ping") && in.room() == null) {
            throw invalid(type + " needs a room.");
        }
        switch (type) {
            case "ping" -> connection.send(Frames.Pong.INSTANCE);
            case "subscribe" -> subscribe(connection, in.room(), in.afterSeq());
            case "unsubscribe" -> unsubscribe(connection, in.room());
            case "send" -> {
                if (in.body() == null || in.body().isBlank()) {
                    throw invalid("send needs a body.");
                }
                if (in.clientMessageId() != null && !in.clientMessageId().matches(MessageService.CLIENT_MESSAGE_ID)) {
                        throw invalid("clientMessageId must be 1 to 64 letters, digits, '-' or '_'.");
                }
                MessageService.Sent sent = messages.send(in.room(), connection.user(), in.clientMessageId(), in.body());
                connection.send(Frames.Ack.of(in.clientMessageId(), sent.message()));
            }
            case "edit" -> {
                if (in.messageId() == null || in.body() == null || in.body().isBlank()) {
                    throw invalid("edit needs a messageId and a body.");
                }
                connection.send(Frames.Ack.of(in.clientMessageId(),
                        messages.edit(in.room(), connection.user(), in.messageId(), in.body())));
            }
            case "delete" -> {
                if (in.messageId() == null) {
                    throw invalid("delete needs a messageId.");
                }
                messages.delete(in.room(), connection.user(), in.messageId()).ifPresentOrElse(
                        event -> connection.send(Frames.Ack.of(in.clientMessageId(), event)),
                        () -> connection.send(Frames.Ack.of(in.clientMessageId(), null)));
            }
            case "typing" -> {
                if (presence.enabled() && connection.rooms().containsKey(in.room())
                        && connection.mayAnnounceTyping(in.room(), System.nanoTime())) {
                    fanout.typing(in.room(), connection.user());
                }
            }
            case "read" -> {
                if (in.seq() == null || in.seq() < 0) {
                    throw invalid("read needs the seq of the newest event seen.");
                }
                rooms.markRead(in.room(), connection.user(), in.seq());
            }
            default -> throw new IllegalStateException("unreachable: " + type);
        }
    }

    /**
     * Follows a room: replays what the client missed after {@code afterSeq} (none given: live events only), then
     * live events, with no gap and no duplicate in between.
     */
    private void subscribe(Connection connection, UUID room, Long afterSeq) {
        rooms.membership(room, connection.user());
        if (!connection.rooms().containsKey(room) && connection.rooms().size() >= MAX_ROOMS_PER_CONNECTION) {
            throw invalid("At most " + MAX_ROOMS_PER_CONNECTION + " rooms per connection.");
        }
        long from = afterSeq == null ? 0 : Math.max(0, afterSeq);
        Subscription subscription = new Subscription(room, connection, from);
        Subscription previous = connection.rooms().put(room, subscription);
        if (previous != null) {
            feeds.leave(previous);
        }
        long upTo;
        try {
            upTo = feeds.join(subscription, afterSeq == null);
        } catch (RuntimeException e) {
            connection.rooms().remove(room, subscription);
            throw e;
        }
        // Checked again now that the feed has it: a removal that committed meanwhile was fanned out before the
        // feed knew this subscription, and a connection closing meanwhile may have missed it in its clean-up.
        try {
            if (connection.isClosed() || !stillMember(room, connection.user())) {
                subscription.end(connection.isClosed() ? "closed" : "removed");
                feeds.leave(subscription);
                return;
            }
        } catch (RuntimeException e) {
            subscription.end("resubscribe");
            feeds.leave(subscription);
            throw e;
        }
        boolean recovered = afterSeq == null || upTo - from <= MAX_REPLAY;
        if (!recovered) {
            subscription.startAt(upTo);
        }
        connection.send(Frames.Subscribed.of(room, subscription.lastSeq(), recovered));
        try {
            long replayed = subscription.lastSeq();
            replay:
            while (replayed < upTo) {
                List<Message> batch = messages.events(room, replayed, upTo, REPLAY_BATCH);
                if (batch.isEmpty()) {
                    break;
                }
                for (Message event : batch) {
                    if (!drained(connection) || subscription.replayed(List.of(delivery(event)))) {
                        break replay;
                    }
                    replayed = event.seq();
                }
            }
            if (subscription.live()) {
                feeds.leave(subscription);
            }
        } catch (RuntimeException e) {
            subscription.end("resubscribe");
            feeds.leave(subscription);
            throw e;
        }
    }

    private boolean stillMember(UUID room, UUID user) {
        try {
            rooms.membership(room, user);
            return true;
        } catch (ProblemException e) {
            return false;
        }
    }

    /**
     * Waits (a little at a time, up to the send time limit) until the connection has sent most of what is queued,
     * so that a long replay does not outgrow the send buffer of a client that reads at network speed; a client
     * slower than that is closed by its buffer as usual. False if the connection closed.
     */
    private static boolean drained(Connection connection) {
        long deadline = System.nanoTime() + SEND_TIME_LIMIT_MS * 1_000_000L;
        while (connection.queuedChars() > SEND_BUFFER_CHARS / 4 && System.nanoTime() < deadline && !connection.isClosed()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !connection.isClosed();
    }

    private Delivery delivery(Message event) {
        return new Delivery(event.seq(), json.writeValueAsString(Frames.MessageFrame.of(event)));
    }

    private void unsubscribe(Connection connection, UUID room) {
        Subscription subscription = connection.rooms().get(room);
        if (subscription != null) {
            subscription.end("unsubscribed");
            feeds.leave(subscription);
        }
    }

    /** Closes every connection of an account session (it ended: signed out, revoked). */
    @EventListener
    void endSession(SessionEnding.EndedHere ended) {
        connections.values().stream().filter(c -> ended.sessionId().equals(c.sessionId()))
                .forEach(c -> c.close(new CloseStatus(4401, "session ended")));
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail);
    }

    private void closeNow(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing {} failed: {}", session.getId(), e.toString());
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = connections.remove(session.getId());
        if (connection != null) {
            connection.closed();
            perUser.computeIfPresent(connection.user(), (user, count) -> count <= 1 ? null : count - 1);
            connection.rooms().values().forEach(subscription -> {
                subscription.end("closed");
                feeds.leave(subscription);
            });
        }
    }

    @Override
    public void destroy() {
        expiries.shutdownNow();
        closer.shutdown();
    }
}
