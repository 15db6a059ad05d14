package io.xaostech.blog.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.xaostech.blog.config.BlogProperties;
import io.xaostech.platform.redis.Keyspace;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Caches rendered reader responses (a post, the first page of a list, a feed) in Redis under a generation
 * number ({@code blog:gen}). Every change that readers could see bumps the generation after it commits, which
 * retires every entry at once: a reader never gets a deleted or unpublished post once the change has returned,
 * even if its own read of the database started before the change (it stores under the old generation, which
 * nobody asks for any more). Entries also expire on their own. When Redis fails, readers go to the database.
 */
@Component
public class ContentCache {

    private static final Logger log = LoggerFactory.getLogger(ContentCache.class);
    /**
     * KEYS[1] the generation counter, ARGV[1] the entries' prefix ({@code blog:c:}), ARGV[2] the entry's own
     * parts ({@code post:x}): answers the entry's key under the current generation ({@code blog:c:7:post:x}) and
     * the entry if there is one.
     */
    private static final RedisScript<List> LOOKUP_SCRIPT = RedisScript.of("""
            local generation = redis.call('GET', KEYS[1]) or '0'
            local key = ARGV[1] .. generation .. ':' .. ARGV[2]
            local value = redis.call('GET', key)
            if value then return {key, value} end
            return {key}
            """, List.class);
    @SuppressWarnings("unchecked")
    private static final RedisScript<List<String>> LOOKUP = (RedisScript<List<String>>) (RedisScript<?>) LOOKUP_SCRIPT;

    private final StringRedisTemplate redis;
    private final Keyspace keys;
    private final BlogProperties properties;
    private final Counter hits;
    private final Counter misses;
    private final Counter failures;

    ContentCache(StringRedisTemplate redis, Keyspace keys, BlogProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.keys = keys;
        this.properties = properties;
        this.hits = Counter.builder("blog.cache").tag("result", "hit").register(meters);
        this.misses = Counter.builder("blog.cache").tag("result", "miss").register(meters);
        this.failures = Counter.builder("blog.cache").tag("result", "error").register(meters);
    }

    /**
     * The cached value of {@code parts}, or {@code load}'s answer, which is cached when present. {@code load}
     * answers empty for what must not be cached (not found, not published).
     */
    public Optional<String> get(Supplier<Optional<String>> load, String... parts) {
        if (!properties.cache().enabled()) {
            return load.get();
        }
        String key;
        try {
            // One round trip: the current generation and, under it, the entry (or nothing).
            List<String> answer = redis.execute(LOOKUP, List.of(keys.key("gen")), keys.key("c") + ":",
                    keys.key(parts).substring(keys.prefix().length()));
            key = answer.get(0);
            if (answer.size() > 1) {
                hits.increment();
                return Optional.of(answer.get(1));
            }
        } catch (DataAccessException e) {
            failures.increment();
            log.warn("Content cache unavailable, reading from the database: {}", e.getMessage());
            return load.get();
        }
        misses.increment();
        Optional<String> loaded = load.get();
        loaded.ifPresent(value -> store(key, value));
        return loaded;
    }

    /** Retires every entry; call after the change has committed. */
    public void changed() {
        try {
            redis.opsForValue().increment(keys.key("gen"));
        } catch (DataAccessException e) {
            failures.increment();
            log.error("Content cache could not be retired after a change; entries expire within {}: {}",
                    properties.cache().publishedTtl(), e.getMessage());
        }
    }

    private void store(String key, String value) {
        try {
            redis.opsForValue().set(key, value, properties.cache().publishedTtl());
        } catch (DataAccessException e) {
            failures.increment();
            log.warn("Content cache entry not stored: {}", e.getMessage());
        }
    }
}
