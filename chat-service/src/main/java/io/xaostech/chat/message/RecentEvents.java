package io.xaostech.chat.message;

import io.xaostech.platform.redis.Keyspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each room's newest events in Redis ({@code chat:recent:<room>}, a sorted set by sequence number, the newest
 * {@value #KEEP} kept for a day), so a reconnecting client's short gap is replayed without touching PostgreSQL.
 * Only a complete run is ever answered: anything missing (trimmed, lost while Redis was away, dropped after a
 * deletion or an erasure) sends the reader to PostgreSQL, the record of truth.
 */
@Component
public class RecentEvents {

    private static final Logger log = LoggerFactory.getLogger(RecentEvents.class);
    static final int KEEP = 200;
    private static final Duration TTL = Duration.ofDays(1);

    /**
     * KEYS[1] the room's set; ARGV: event seq, event JSON, target seq ('' if none), target JSON, keep, ttl seconds.
     * An edit's target is replaced in place when the set still holds it.
     */
    private static final RedisScript<Long> RECORD = RedisScript.of("""
            if ARGV[3] ~= '' and redis.call('ZREMRANGEBYSCORE', KEYS[1], ARGV[3], ARGV[3]) > 0 then
              redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
            end
            redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
            redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[5]) + 1))
            redis.call('EXPIRE', KEYS[1], ARGV[6])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Keyspace keys;

    RecentEvents(StringRedisTemplate redis, JsonMapper json, Keyspace keys) {
        this.redis = redis;
        this.json = json;
        this.keys = keys;
    }

    /** Runs after the event's transaction committed, before it is fanned out. */
    @EventListener
    @Order(0)
    void record(MessageStored stored) {
        Message event = stored.message();
        try {
            if (event.kind() == MessageKind.DELETE) {
                // The deleted text may sit in earlier entries (the message, its edits): start the room's set afresh.
                redis.delete(key(event.roomId()));
                return;
            }
            Message target = stored.target();
            redis.execute(RECORD, List.of(key(event.roomId())), Long.toString(event.seq()), json.writeValueAsString(event),
                    target == null ? "" : Long.toString(target.seq()), target == null ? "" : json.writeValueAsString(target),
                    Integer.toString(KEEP), Long.toString(TTL.toSeconds()));
        } catch (RuntimeException e) {
            // Only a cache: readers find the run incomplete and go to PostgreSQL.
            log.warn("Event {} not kept in the recent history: {}", event.id(), e.toString());
        }
    }

    /**
     * The room's events numbered above {@code afterSeq} up to {@code upToSeq}, if Redis holds every one of them;
     * empty otherwise (or when Redis cannot be asked).
     */
    public Optional<List<Message>> between(UUID room, long afterSeq, long upToSeq) {
        if (upToSeq <= afterSeq) {
            return Optional.of(List.of());
        }
        if (upToSeq - afterSeq > KEEP) {
            return Optional.empty();
        }
        try {
            Set<String> found = redis.opsForZSet().rangeByScore(key(room), afterSeq + 1, upToSeq);
            if (found == null || found.size() != upToSeq - afterSeq) {
                return Optional.empty();
            }
            List<Message> events = new ArrayList<>(found.size());
            long expected = afterSeq + 1;
            for (String entry : found) {
                Message event = json.readValue(entry, Message.class);
                if (event.seq() != expected++) {
                    return Optional.empty();
                }
                events.add(event);
            }
            return Optional.of(events);
        } catch (RuntimeException e) {
            log.debug("Recent history of room {} unreadable: {}", room, e.toString());
            return Optional.empty();
        }
    }

    /** Drops the rooms' recent history (after an erasure changed what is stored). */
    public void forget(Collection<UUID> rooms) {
        if (!rooms.isEmpty()) {
            redis.delete(rooms.stream().map(this::key).toList());
        }
    }

    private String key(UUID room) {
        return keys.key("recent", room.toString());
    }
}
