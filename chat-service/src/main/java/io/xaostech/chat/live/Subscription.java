package io.xaostech.chat.live;

import io.xaostech.chat.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * One connection following one room: delivers the room's messages in sequence order, each exactly once. While
 * it replays what the client missed (from PostgreSQL) live messages wait in a buffer; a live message that skips
 * numbers (another instance's fan-out overtook, or some were lost while Redis was away) makes it fetch the
 * missing ones first. Everything runs under the subscription's own lock, so rooms never wait for each other.
 */
final class Subscription {

    private final UUID room;
    private final Consumer<Message> send;
    private final LongFunction<List<Message>> storedAfter;
    private long lastSeq;
    private boolean replaying = true;
    private final List<Message> buffered = new ArrayList<>();

    /**
     * @param storedAfter the stored messages after a sequence number, oldest first (a bounded batch)
     */
    Subscription(UUID room, long afterSeq, Consumer<Message> send, LongFunction<List<Message>> storedAfter) {
        this.room = room;
        this.lastSeq = afterSeq;
        this.send = send;
        this.storedAfter = storedAfter;
    }

    UUID room() {
        return room;
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    /** Sends what was missed since the client's last sequence number, then whatever arrived meanwhile. */
    synchronized void replay() {
        catchUpTo(Long.MAX_VALUE);
        replaying = false;
        buffered.forEach(this::inOrder);
        buffered.clear();
    }

    /** A live message of this room. */
    synchronized void offer(Message message) {
        if (replaying) {
            buffered.add(message);
        } else {
            inOrder(message);
        }
    }

    private void inOrder(Message message) {
        if (message.seq() <= lastSeq) {
            return;
        }
        if (message.seq() > lastSeq + 1) {
            catchUpTo(message.seq() - 1);
        }
        if (message.seq() == lastSeq + 1) {
            send.accept(message);
            lastSeq = message.seq();
        }
    }

    /** Sends stored messages after {@code lastSeq} up to {@code upTo}, batch by batch. */
    private void catchUpTo(long upTo) {
        while (lastSeq < upTo) {
            List<Message> batch = storedAfter.apply(lastSeq);
            if (batch.isEmpty()) {
                return;
            }
            for (Message message : batch) {
                if (message.seq() > upTo) {
                    return;
                }
                send.accept(message);
                lastSeq = message.seq();
            }
        }
    }
}
