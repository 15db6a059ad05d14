package io.xaostech.chat.live;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.springframework.web.socket.CloseStatus;

/**
 * One connection's outgoing frames: {@link #send} only queues and never blocks, and the frames go out one at a
 * time through the container's asynchronous send, each completion starting the next. So no thread (least of all
 * the fan-out's) ever waits for a client's network. A client whose queue outgrows {@code limitChars}, or whose
 * send does not complete within the container's send timeout, is closed with a reason.
 */
final class Outbound {

    static final CloseStatus TOO_SLOW = new CloseStatus(4008, "too slow: send buffer full");
    static final CloseStatus SEND_FAILED = new CloseStatus(4008, "too slow: send timed out");

    private final Session session;
    private final long limitChars;
    private final Consumer<CloseStatus> close;
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedChars = new AtomicLong();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param close closes the connection with the status; must not block the caller (it runs on senders' threads)
     */
    Outbound(Session session, long limitChars, Consumer<CloseStatus> close) {
        this.session = session;
        this.limitChars = limitChars;
        this.close = close;
    }

    /** Queues one frame; returns at once. */
    void send(String frame) {
        if (closed.get()) {
            return;
        }
        if (queuedChars.addAndGet(frame.length()) > limitChars) {
            fail(TOO_SLOW);
            return;
        }
        queue.add(frame);
        pump();
    }

    /** Frames queued and not yet handed to the container. */
    long queuedChars() {
        return queuedChars.get();
    }

    /**
     * Hands queued frames to the container one at a time. A send completing at once (inside {@code sendText})
     * lets this loop go on; one completing later carries on from its completion. Never recursive.
     */
    private void pump() {
        while (!closed.get() && sending.compareAndSet(false, true)) {
            String next = queue.poll();
            if (next == null) {
                sending.set(false);
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            queuedChars.addAndGet(-next.length());
            AtomicInteger handoff = new AtomicInteger(); // 0 in flight, 1 completed inside sendText, 2 caller returned
            try {
                session.getAsyncRemote().sendText(next, result -> completed(result, handoff));
            } catch (RuntimeException e) {
                sending.set(false);
                fail(SEND_FAILED);
                return;
            }
            if (handoff.compareAndSet(0, 2)) {
                return;
            }
        }
    }

    private void completed(SendResult result, AtomicInteger handoff) {
        sending.set(false);
        if (!result.isOK()) {
            fail(SEND_FAILED);
            return;
        }
        if (!handoff.compareAndSet(0, 1)) {
            pump();
        }
    }

    private void fail(CloseStatus status) {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            close.accept(status);
        }
    }

    /** Stops sending (the connection is closing). */
    void stop() {
        closed.set(true);
        queue.clear();
    }
}
