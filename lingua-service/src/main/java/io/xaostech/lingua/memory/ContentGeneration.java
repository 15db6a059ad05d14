package io.xaostech.lingua.memory;

import io.xaostech.platform.redis.Keyspace;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A number that moves on whenever the translation memory or the glossary changes. Cached translations are keyed
 * by it, so a curated change is never hidden behind an older machine translation. Kept in Redis for every
 * instance; each instance reads it every two seconds (its own changes it sees at once).
 */
@Component
public class ContentGeneration {

    private static final Logger log = LoggerFactory.getLogger(ContentGeneration.class);

    private final StringRedisTemplate redis;
    private final String key;
    private final AtomicLong current = new AtomicLong(-1);

    ContentGeneration(StringRedisTemplate redis, Keyspace keys) {
        this.redis = redis;
        this.key = keys.key("generation");
    }

    /** The generation translations are cached under now. */
    public long current() {
        long value = current.get();
        return value >= 0 ? value : refresh();
    }

    /** After a change to the memory or the glossary (committed). */
    public void advance() {
        try {
            Long next = redis.opsForValue().increment(key);
            if (next != null) {
                current.accumulateAndGet(next, Math::max);
            }
        } catch (RuntimeException e) {
            // The change is committed; cached translations may show the old text until Redis is back.
            log.error("Could not move the content generation on ({}); cached translations may be stale", e.toString());
        }
    }

    private long setTo(long value) {
        current.set(value);
        return value;
    }

    @Scheduled(fixedDelay = 2000, initialDelay = 2000)
    long refresh() {
        try {
            String stored = redis.opsForValue().get(key);
            long value = stored == null ? 0 : Long.parseLong(stored);
            // Never backwards because of a read that raced this instance's own advance (a flushed Redis restarts at 0).
            return stored == null ? setTo(0) : current.accumulateAndGet(value, Math::max);
        } catch (RuntimeException e) {
            log.warn("Could not read the content generation ({}); keeping {}", e.toString(), current.get());
            return Math.max(0, current.get());
        }
    }
}
