package io.xaostech.chat.live;

import io.xaostech.chat.presence.Presence;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.json.JsonMapper;

/** One user's WebSocket connection: who it is, until when, what it follows, and its own small limits. */
final class Connection {

    /** Frames a connection may send per second; more are refused with an error frame. */
    static final int FRAMES_PER_SECOND = 20;
    /** Frames per second past which a connection is closed as abusive. */
    static final int ABUSIVE_FRAMES_PER_SECOND = 100;
    private static final long TYPING_EVERY_NANOS = 2_000_000_000L;

    private final String id;
    private final UUID user;
    private final String sessionId;
    private final Instant expires;
    private final Outbound out;
    private final Consumer<CloseStatus> close;
    private final JsonMapper json;
    private final Map<UUID, Subscription> rooms = new ConcurrentHashMap<>();
    private final Map<UUID, Long> lastTyping = new ConcurrentHashMap<>();
    private final AtomicLong lastPresence = new AtomicLong(System.nanoTime());
    private StringBuilder partial;
    private long windowStart;
    private int framesInWindow;
    private volatile ScheduledFuture<?> expiry;
    private volatile boolean closed;

    Connection(String id, UUID user, String sessionId, Instant expires, Outbound out, Consumer<CloseStatus> close,
               JsonMapper json) {
        this.json = json;
        this.id = id;
        this.user = user;
        this.sessionId = sessionId;
        this.expires = expires;
        this.out = out;
        this.close = close;
    }

    String id() {
        return id;
    }

    UUID user() {
        return user;
    }

    /** The account session its token belongs to ({@code sid}), or null for tokens without one. */
    String sessionId() {
        return sessionId;
    }

    Instant expires() {
        return expires;
    }

    Map<UUID, Subscription> rooms() {
        return rooms;
    }

    /** Queues a frame already written as JSON (the same text for every subscriber of a room). */
    void send(String frame) {
        out.send(frame);
    }

    /** Queues a frame of {@link Frames}. */
    void send(Object frame) {
        out.send(json.writeValueAsString(frame));
    }

    /** Closes the connection without waiting (the close frame may have to wait for a send in flight). */
    void close(CloseStatus status) {
        out.stop();
        close.accept(status);
    }

    /**
     * Whether the connection is gone. A subscription added while it was closing may have been missed by the
     * clean-up, so whoever adds one checks this afterwards.
     */
    boolean isClosed() {
        return closed;
    }

    /** Characters queued to send and not yet handed to the container. */
    long queuedChars() {
        return out.queuedChars();
    }

    void expireAt(ScheduledFuture<?> expiry) {
        this.expiry = expiry;
    }

    /** The connection is gone: called before its subscriptions are ended (see {@link #isClosed()}). */
    void closed() {
        closed = true;
        out.stop();
        ScheduledFuture<?> scheduled = expiry;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    /**
     * Joins the parts of a long frame: answers the whole frame with its last part, null before that (or once
     * it has grown past {@code maxChars}: see {@link #assembling()}). Only the container's thread of this
     * connection calls it.
     */
    String assemble(String part, boolean last, int maxChars) {
        if (partial == null) {
            if (last) {
                return part;
            }
            partial = new StringBuilder(part);
        } else if (partial.length() <= maxChars) {
            partial.append(part);
        }
        if (!last || partial.length() > maxChars) {
            return null;
        }
        String whole = partial.toString();
        partial = null;
        return whole;
    }

    /** Characters of a frame being joined so far. */
    int assembling() {
        return partial == null ? 0 : partial.length();
    }

    /** Counts an incoming frame against this second's allowance: how many came in this second so far. */
    synchronized int countFrame(long nowNanos) {
        if (nowNanos - windowStart >= 1_000_000_000L) {
            windowStart = nowNanos;
            framesInWindow = 0;
        }
        return ++framesInWindow;
    }

    /** Whether it is time to refresh the user's presence (at most every {@link Presence#REFRESH_EVERY}). */
    boolean presenceDue(long nowNanos) {
        long last = lastPresence.get();
        return nowNanos - last >= Presence.REFRESH_EVERY.toNanos() && lastPresence.compareAndSet(last, nowNanos);
    }

    /** Whether a typing notice for the room may go out now (at most one per room every two seconds). */
    boolean mayAnnounceTyping(UUID room, long nowNanos) {
        Long last = lastTyping.get(room);
        if (last != null && nowNanos - last < TYPING_EVERY_NANOS) {
            return false;
        }
        lastTyping.put(room, nowNanos);
        return true;
    }
}
