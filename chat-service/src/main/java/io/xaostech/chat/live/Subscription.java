package io.xaostech.chat.live;

import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;

/**
 * One connection following one room: sends the room's events in sequence order, each exactly once. It starts by
 * replaying what the client missed (up to where the room's feed stood when it joined) while the feed's live
 * events wait in a bounded buffer, then sends those and follows live. A member removed from the room gets events
 * up to the last one numbered before the removal, then an {@code unsubscribed} frame. The feed calls in with its
 * lock held, so nothing here calls back into the feed: methods answer whether the subscription ended instead.
 */
final class Subscription {

    /** Live events held while replaying; a replay that falls further behind ends the subscription. */
    static final int MAX_BUFFERED = 5_000;

    /** One event ready to send: its number and its frame. */
    record Delivery(long seq, String frame) {
    }

    private final UUID room;
    private final Connection connection;
    private final ArrayDeque<Delivery> buffered = new ArrayDeque<>();
    private long lastSeq;
    private boolean replaying = true;
    private long endAfter = Long.MAX_VALUE;
    private String endReason;
    private boolean ended;

    Subscription(UUID room, Connection connection, long afterSeq) {
        this.room = room;
        this.connection = connection;
        this.lastSeq = afterSeq;
    }

    UUID room() {
        return room;
    }

    Connection connection() {
        return connection;
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    /** Moves the starting point (a client asking for live events only starts where the feed stands). */
    synchronized void startAt(long seq) {
        lastSeq = seq;
    }

    /** A live event from the feed (contiguous, in order); answers whether the subscription ended. */
    synchronized boolean offer(Delivery delivery) {
        if (ended) {
            return true;
        }
        if (replaying) {
            if (buffered.size() >= MAX_BUFFERED) {
                return end("too-far-behind");
            }
            buffered.add(delivery);
            return false;
        }
        return deliver(delivery);
    }

    /** Replayed events (oldest first); answers whether the subscription ended. */
    synchronized boolean replayed(List<Delivery> deliveries) {
        for (Delivery delivery : deliveries) {
            if (ended || deliver(delivery)) {
                return true;
            }
        }
        return ended;
    }

    /** The replay is over: sends what the feed delivered meanwhile and follows live. */
    synchronized boolean live() {
        replaying = false;
        while (!buffered.isEmpty() && !ended) {
            deliver(buffered.poll());
        }
        buffered.clear();
        return ended;
    }

    /** The member was removed once the room's events up to {@code seq} were numbered; answers whether it ended. */
    synchronized boolean endAfter(long seq, String reason) {
        endAfter = Math.min(endAfter, seq);
        endReason = reason;
        return !replaying && lastSeq >= endAfter ? end(reason) : ended;
    }

    /** Ends it now with the reason told to the client; answers true. */
    synchronized boolean end(String reason) {
        if (!ended) {
            ended = true;
            buffered.clear();
            connection.rooms().remove(room, this);
            connection.send(Frames.Unsubscribed.of(room, reason));
        }
        return true;
    }

    private boolean deliver(Delivery delivery) {
        if (delivery.seq() <= lastSeq) {
            return false;
        }
        if (delivery.seq() > endAfter) {
            return end(endReason);
        }
        if (delivery.seq() != lastSeq + 1) {
            // The feed repairs gaps before delivering, so this means it could not: the client subscribes again.
            return end("resubscribe");
        }
        connection.send(delivery.frame());
        lastSeq = delivery.seq();
        return lastSeq == endAfter ? end(endReason) : false;
    }
}
