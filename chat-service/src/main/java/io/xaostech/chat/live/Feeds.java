package io.xaostech.chat.live;

import io.xaostech.chat.config.ChatProperties;
import io.xaostech.chat.live.Subscription.Delivery;
import io.xaostech.chat.message.Message;
import io.xaostech.chat.message.MessageService;
import io.xaostech.chat.room.MemberRemoved;
import io.xaostech.chat.room.RoomService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * This instance's rooms that someone here follows, each a feed: the fan-out hands it the room's events, and it
 * passes them on to its subscriptions strictly in sequence. An event that comes before the one it follows (two
 * senders' fan-out records crossed) waits a moment for it; a gap that lasts (a record lost while Redis
 * restarted) is filled from storage once for the whole room, off the fan-out's thread, so subscriptions never
 * query anything while following live and one room's gap never holds up the others. Each event's frame is
 * written once per feed, not once per subscriber.
 */
@Component
class Feeds {

    private static final Logger log = LoggerFactory.getLogger(Feeds.class);
    private static final int REPAIR_BATCH = 500;

    /** Early events a feed holds at most; beyond, the newest are dropped (fetched again when their turn comes). */
    private static final int MAX_EARLY = 1_000;

    private final Map<UUID, Feed> feeds = new ConcurrentHashMap<>();
    private final Set<UUID> gapped = ConcurrentHashMap.newKeySet();
    private final MessageService messages;
    private final RoomService rooms;
    private final JsonMapper json;
    private final Duration gapWait;

    Feeds(MessageService messages, RoomService rooms, JsonMapper json, ChatProperties properties) {
        this.messages = messages;
        this.rooms = rooms;
        this.json = json;
        this.gapWait = properties.gapWait();
    }

    /** One room's feed; everything under its own lock, so rooms never wait for each other. */
    private static final class Feed {
        private final List<Subscription> subscriptions = new ArrayList<>();
        /** Events that came before one they follow, by number, waiting for it. */
        private final TreeMap<Long, Message> early = new TreeMap<>();
        private long gapSince;
        private boolean started;
        private boolean closed;
        private long lastSeq;
    }

    /**
     * Adds a subscription to its room's feed; answers the number the feed stands at, up to which the
     * subscription replays (later events reach it live). {@code liveOnly} starts it there instead.
     */
    long join(Subscription subscription, boolean liveOnly) {
        while (true) {
            Feed feed = feeds.computeIfAbsent(subscription.room(), room -> new Feed());
            synchronized (feed) {
                if (feed.closed) {
                    continue;
                }
                if (!feed.started) {
                    // Events fanned out before now are all stored by now: the room's counter is where live begins.
                    feed.lastSeq = messages.lastSeq(subscription.room());
                    feed.started = true;
                }
                if (liveOnly) {
                    subscription.startAt(feed.lastSeq);
                }
                feed.subscriptions.add(subscription);
                return feed.lastSeq;
            }
        }
    }

    void leave(Subscription subscription) {
        Feed feed = feeds.get(subscription.room());
        if (feed != null) {
            synchronized (feed) {
                feed.subscriptions.remove(subscription);
                closeIfIdle(subscription.room(), feed);
            }
        }
    }

    /** An event from the fan-out, from any instance. */
    void deliver(Message event) {
        Feed feed = feeds.get(event.roomId());
        if (feed == null) {
            return;
        }
        synchronized (feed) {
            if (feed.closed || !feed.started || event.seq() <= feed.lastSeq) {
                return;
            }
            if (event.seq() > feed.lastSeq + 1) {
                // Usually the one before is just behind (two senders' records crossed): wait for it a moment.
                if (feed.early.size() >= MAX_EARLY) {
                    feed.early.pollLastEntry();
                }
                feed.early.put(event.seq(), event);
                if (feed.gapSince == 0) {
                    feed.gapSince = System.nanoTime();
                    gapped.add(event.roomId());
                }
                return;
            }
            send(event, feed);
            sendEarly(feed);
            closeIfIdle(event.roomId(), feed);
        }
    }

    /**
     * Fills the gaps that lasted longer than {@code xaos.chat.gap-wait} from storage (Redis's recent history, else
     * PostgreSQL), on the scheduler's thread rather than the fan-out's, then sends what waited behind them.
     */
    @Scheduled(fixedDelayString = "${xaos.chat.gap-check-interval:50ms}")
    void repairGaps() {
        long now = System.nanoTime();
        for (UUID room : List.copyOf(gapped)) {
            Feed feed = feeds.get(room);
            if (feed == null) {
                gapped.remove(room);
                continue;
            }
            synchronized (feed) {
                if (feed.early.isEmpty()) {
                    gapped.remove(room);
                } else if (now - feed.gapSince >= gapWait.toNanos()
                        && repair(room, feed, feed.early.firstKey() - 1)) {
                    sendEarly(feed);
                    closeIfIdle(room, feed);
                }
            }
        }
    }

    /** Sends the early events that are next in line now. */
    private void sendEarly(Feed feed) {
        while (!feed.early.isEmpty() && feed.early.firstKey() <= feed.lastSeq + 1) {
            Message next = feed.early.pollFirstEntry().getValue();
            if (next.seq() == feed.lastSeq + 1) {
                send(next, feed);
            }
        }
        feed.gapSince = feed.early.isEmpty() ? 0 : System.nanoTime();
    }

    /** A member was removed: their subscriptions to the room deliver up to {@code lastSeq} and end. */
    void memberRemoved(MemberRemoved removed) {
        Feed feed = feeds.get(removed.roomId());
        if (feed != null) {
            synchronized (feed) {
                feed.subscriptions.removeIf(s -> s.connection().user().equals(removed.userId())
                        && s.endAfter(removed.lastSeq(), removed.reason()));
                closeIfIdle(removed.roomId(), feed);
            }
        }
    }

    /**
     * Catches up every feed that is behind its room's stored events: a fan-out record lost on the way (Redis
     * failing between storing and fanning out, an instance starting) would otherwise hold a room's newest event
     * back until the next one arrives. Bounds that delay to the sweep interval.
     */
    @Scheduled(fixedDelayString = "${xaos.chat.feed-sweep-interval:5s}")
    void sweep() {
        if (feeds.isEmpty()) {
            return;
        }
        endNonMembers();
        Map<UUID, Long> stored;
        try {
            stored = messages.lastSeqs(List.copyOf(feeds.keySet()));
        } catch (RuntimeException e) {
            log.debug("Feed sweep skipped: {}", e.toString());
            return;
        }
        stored.forEach((room, lastSeq) -> {
            Feed feed = feeds.get(room);
            if (feed != null) {
                synchronized (feed) {
                    long upTo = feed.early.isEmpty() ? lastSeq : Math.min(lastSeq, feed.early.firstKey() - 1);
                    if (!feed.closed && feed.started && upTo > feed.lastSeq && repair(room, feed, upTo)) {
                        sendEarly(feed);
                        closeIfIdle(room, feed);
                    }
                }
            }
        });
    }

    /**
     * Ends the subscriptions of people who are no longer members: a removal whose fan-out record was lost
     * (Redis failing at that moment) still ends them within a sweep interval.
     */
    private void endNonMembers() {
        Map<UUID, List<Subscription>> following = new java.util.HashMap<>();
        feeds.forEach((room, feed) -> {
            synchronized (feed) {
                following.put(room, List.copyOf(feed.subscriptions));
            }
        });
        Set<UUID> users = new java.util.HashSet<>();
        following.values().forEach(subs -> subs.forEach(s -> users.add(s.connection().user())));
        Set<String> members;
        try {
            members = rooms.memberships(following.keySet(), users);
        } catch (RuntimeException e) {
            log.debug("Membership sweep skipped: {}", e.toString());
            return;
        }
        following.forEach((room, subs) -> {
            Feed feed = feeds.get(room);
            if (feed == null) {
                return;
            }
            synchronized (feed) {
                feed.subscriptions.removeIf(s -> !members.contains(room + ":" + s.connection().user()) && s.end("removed"));
                closeIfIdle(room, feed);
            }
        });
    }

    /** Someone typing: told to the room's other subscribers here. */
    void typing(UUID room, UUID user) {
        Feed feed = feeds.get(room);
        if (feed != null) {
            String frame = json.writeValueAsString(Frames.Typing.of(room, user));
            synchronized (feed) {
                for (Subscription subscription : feed.subscriptions) {
                    if (!subscription.connection().user().equals(user)) {
                        subscription.connection().send(frame);
                    }
                }
            }
        }
    }

    private void send(Message event, Feed feed) {
        Delivery delivery = new Delivery(event.seq(), json.writeValueAsString(Frames.MessageFrame.of(event)));
        feed.subscriptions.removeIf(s -> s.offer(delivery));
        feed.lastSeq = event.seq();
    }

    /** Fetches and sends the events the feed missed, up to {@code upTo}; false (subscriptions ended) if it cannot. */
    private boolean repair(UUID room, Feed feed, long upTo) {
        try {
            while (feed.lastSeq < upTo) {
                List<Message> missing = messages.events(room, feed.lastSeq, upTo, REPAIR_BATCH);
                if (missing.isEmpty()) {
                    throw new IllegalStateException("events " + (feed.lastSeq + 1) + ".." + upTo + " are not stored");
                }
                missing.forEach(event -> send(event, feed));
            }
            return true;
        } catch (RuntimeException e) {
            // Subscribers come back with their last number and replay; the feed starts afresh with them.
            log.warn("Room {} missed events up to {} and could not fetch them: {}", room, upTo, e.toString());
            feed.subscriptions.forEach(s -> s.end("resubscribe"));
            feed.subscriptions.clear();
            feed.early.clear();
            closeIfIdle(room, feed);
            return false;
        }
    }

    private void closeIfIdle(UUID room, Feed feed) {
        if (feed.subscriptions.isEmpty()) {
            feed.closed = true;
            feeds.remove(room, feed);
        }
    }
}
