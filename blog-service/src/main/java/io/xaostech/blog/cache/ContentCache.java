package io.xaostech.blog.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.xaostech.blog.config.BlogProperties;
import io.xaostech.platform.redis.Keyspace;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisStringCommands;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Caches rendered reader responses (a post, the first page of a list, a feed) in Redis, as the bytes sent with
 * their ETag ({@link Cached}), under a generation
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
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> LOOKUP_SCRIPT = RedisScript.of("""
            local generation = redis.call('GET', KEYS[1]) or '0'
            local key = ARGV[1] .. generation .. ':' .. ARGV[2]
            local value = redis.call('GET', key)
            if value then return {key, value} end
            return {key}
            """, List.class);
    /** Spring applies a script's result serializer to each element of a list answer. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final RedisSerializer<List<byte[]>> ELEMENTS_AS_BYTES = (RedisSerializer) RedisSerializer.byteArray();
    @SuppressWarnings("unchecked")
    private static final RedisScript<List<byte[]>> LOOKUP = (RedisScript<List<byte[]>>) (RedisScript<?>) LOOKUP_SCRIPT;

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
     * The cached response for {@code parts}, or {@code load}'s answer, which is cached when present. {@code load}
     * answers empty for what must not be cached (not found, not published).
     */
    public Optional<Cached> get(Supplier<Optional<String>> load, String... parts) {
        if (!properties.cache().enabled()) {
            return load.get().map(Cached::of);
        }
        String key;
        try {
            // One round trip: the current generation and, under it, the entry (or nothing).
            List<byte[]> answer = redis.execute(LOOKUP, RedisSerializer.string(), ELEMENTS_AS_BYTES,
                    List.of(keys.key("gen")), keys.key("c") + ":", keys.key(parts).substring(keys.prefix().length()));
            key = new String(answer.get(0), StandardCharsets.US_ASCII);
            if (answer.size() > 1) {
                hits.increment();
                return Optional.of(Cached.fromStored(answer.get(1)));
            }
        } catch (DataAccessException e) {
            failures.increment();
            log.warn("Content cache unavailable, reading from the database: {}", e.getMessage());
            return load.get().map(Cached::of);
        }
        misses.increment();
        Optional<Cached> loaded = load.get().map(Cached::of);
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

    private void store(String key, Cached value) {
        try {
            byte[] rawKey = key.getBytes(StandardCharsets.UTF_8);
            redis.execute((RedisCallback<Object>) connection -> connection.stringCommands().set(rawKey, value.stored(),
                    Expiration.from(properties.cache().publishedTtl()), RedisStringCommands.SetOption.upsert()));
        } catch (DataAccessException e) {
            failures.increment();
            log.warn("Content cache entry not stored: {}", e.getMessage());
        }
    }
}
