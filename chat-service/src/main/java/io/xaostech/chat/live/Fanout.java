package io.xaostech.chat.live;

import io.xaostech.chat.message.Message;
import io.xaostech.chat.message.MessageStored;
import io.xaostech.chat.room.MemberRemoved;
import io.xaostech.platform.redis.Keyspace;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every stored room event goes on one Redis Stream ({@code chat:fanout}, capped), and every instance reads that
 * stream (one thread, one connection of its own) from where it joined and hands each event to its own {@link Feeds}. So an event stored on any instance
 * reaches every subscriber on every instance; a feed that misses some (an instance or Redis restarting) fetches
 * them by sequence number when the next one arrives. Removals from rooms, typing notices and ended account
 * sessions travel the same way.
 */
@Component
class Fanout implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Fanout.class);
    private static final long MAX_LENGTH = 100_000;
    private static final String EVENT = "event";
    private static final String REMOVED = "removed";
    private static final String TYPING = "typing";
    private static final String SESSION_ENDED = "session-ended";

    private final StringRedisTemplate redis;
    private final RedisConnectionFactory connections;
    private final JsonMapper json;
    private final Feeds feeds;
    private final ApplicationEventPublisher events;
    private final String stream;
    private static final long MAX_BACKOFF_MS = 2_000;
    private final AtomicLong failuresInARow = new AtomicLong();
    private static final int BATCH = 200;
    private static final StreamReadOptions READ = StreamReadOptions.empty().block(Duration.ofMillis(500)).count(BATCH);
    private volatile boolean running;
    private Thread reader;

    Fanout(StringRedisTemplate redis, RedisConnectionFactory connections, JsonMapper json, Feeds feeds, Keyspace keys,
           ApplicationEventPublisher events) {
        this.events = events;
        this.redis = redis;
        this.connections = connections;
        this.json = json;
        this.feeds = feeds;
        this.stream = keys.key("fanout");
    }

    /** Runs after the event's transaction committed (it is published then), after the recent history kept it. */
    @EventListener
    @Order(1)
    void publish(MessageStored stored) {
        add(EVENT, stored.message(), "Event " + stored.message().id() + " stored but not fanned out");
    }

    /** Runs once the removal committed. */
    @TransactionalEventListener(fallbackExecution = true)
    void publish(MemberRemoved removed) {
        add(REMOVED, removed, "Removal of " + removed.userId() + " from room " + removed.roomId() + " not fanned out");
    }

    void typing(UUID room, UUID user) {
        add(TYPING, Frames.Typing.of(room, user), "Typing notice not fanned out");
    }

    /** Tells every instance to close the session's connections; throws when Redis cannot take it. */
    void sessionEnded(String sessionId) {
        redis.opsForStream().add(StreamRecords.newRecord().in(stream).ofMap(Map.of(SESSION_ENDED, sessionId)),
                XAddOptions.maxlen(MAX_LENGTH).approximateTrimming(true));
    }

    private void add(String field, Object value, String failure) {
        try {
            redis.opsForStream().add(StreamRecords.newRecord().in(stream).ofMap(Map.of(field, json.writeValueAsString(value))),
                    XAddOptions.maxlen(MAX_LENGTH).approximateTrimming(true));
        } catch (RuntimeException e) {
            // Events are stored already: feeds fetch them with the next one, clients on reconnect.
            log.warn("{}: {}", failure, e.toString());
        }
    }

    /**
     * Runs on the reading thread after a failed read (Redis away): waits before the next read, longer after each
     * failure in a row (up to {@link #MAX_BACKOFF_MS}), and says so once per outage rather than once per try.
     */
    private void readFailed(Throwable error) {
        long failures = failuresInARow.incrementAndGet();
        if (failures == 1) {
            log.warn("Fan-out read failed, retrying with backoff until Redis answers: {}", error.toString());
        }
        try {
            Thread.sleep(Math.min(MAX_BACKOFF_MS, 50L << Math.min(failures, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(Map<String, String> value, String id) {
        try {
            if (value.containsKey(EVENT)) {
                feeds.deliver(json.readValue(value.get(EVENT), Message.class));
            } else if (value.containsKey(REMOVED)) {
                feeds.memberRemoved(json.readValue(value.get(REMOVED), MemberRemoved.class));
            } else if (value.containsKey(TYPING)) {
                Frames.Typing typing = json.readValue(value.get(TYPING), Frames.Typing.class);
                feeds.typing(typing.room(), typing.user());
            } else if (value.containsKey(SESSION_ENDED)) {
                events.publishEvent(new SessionEnding.EndedHere(value.get(SESSION_ENDED)));
            }
        } catch (RuntimeException e) {
            log.warn("Could not deliver fan-out record {}: {}", id, e.toString());
        }
    }

    /**
     * The reading loop: blocking reads of up to {@value #BATCH} records on one connection of its own, kept for
     * as long as it works (a blocking command cannot share the connection the rest of the service uses, and a
     * new connection per read would cost a connect each time). After a failure it backs off, opens a new
     * connection and goes on from the last record it saw.
     */
    private void read() {
        RedisConnection connection = null;
        byte[] key = stream.getBytes(StandardCharsets.UTF_8);
        String lastId = startingPoint();
        while (running) {
            try {
                if (connection == null) {
                    connection = connections.getConnection();
                }
                List<ByteRecord> records = connection.streamCommands().xRead(READ,
                        StreamOffset.create(key, lastId == null ? ReadOffset.latest() : ReadOffset.from(lastId)));
                if (failuresInARow.getAndSet(0) > 0) {
                    log.info("Fan-out reading again");
                }
                for (ByteRecord record : records == null ? List.<ByteRecord>of() : records) {
                    lastId = record.getId().getValue();
                    Map<String, String> value = new HashMap<>();
                    record.getValue().forEach((field, content) ->
                            value.put(new String(field, StandardCharsets.UTF_8), new String(content, StandardCharsets.UTF_8)));
                    deliver(value, lastId);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                close(connection);
                connection = null;
                readFailed(e);
            }
        }
        close(connection);
    }

    private static void close(RedisConnection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException ignored) {
                // already broken
            }
        }
    }

    /**
     * Where this instance starts reading: after the stream's newest record as it is now ({@code $} would also
     * skip whatever is added before the first read reaches Redis); null ({@code $}) if Redis cannot say.
     */
    private String startingPoint() {
        try {
            List<MapRecord<String, Object, Object>> newest = redis.opsForStream().reverseRange(stream, Range.unbounded(),
                    Limit.limit().count(1));
            return newest == null || newest.isEmpty() ? "0-0" : newest.get(0).getId().getValue();
        } catch (RuntimeException e) {
            log.warn("Fan-out start point unknown ({}); reading from the newest record on", e.toString());
            return null;
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        reader = new Thread(this::read, "chat-fanout");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (reader != null) {
            try {
                reader.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reader = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
