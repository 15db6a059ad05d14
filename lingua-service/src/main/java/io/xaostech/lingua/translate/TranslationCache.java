package io.xaostech.lingua.translate;

import io.xaostech.lingua.config.LinguaProperties;
import io.xaostech.platform.redis.Keyspace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Machine translations in Redis ({@code lingua:tr:<generation>:<hash>}), kept for the configured TTL, with the
 * most used also held in this instance's memory for a short while ({@code local-entries}, {@code local-ttl}), so
 * a hot phrase costs no round trip. A batch is looked up with one MGET and stored with one pipeline. Redis being
 * away costs only speed: lookups miss and stores are skipped. The generation in the key keeps both layers from
 * serving a translation older than a curated change.
 */
@Component
class TranslationCache {

    private static final Logger log = LoggerFactory.getLogger(TranslationCache.class);

    private final StringRedisTemplate redis;
    private final Keyspace keys;
    private final long ttlSeconds;
    private final Cache<String, String> local;

    TranslationCache(StringRedisTemplate redis, Keyspace keys, LinguaProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.ttlSeconds = properties.cache().ttl().toSeconds();
        // Bounded by characters held (a long text weighs its length), at most 64 on average per entry allowed.
        this.local = Caffeine.newBuilder()
                .maximumWeight((long) properties.cache().localEntries() * 64)
                .weigher((String key, String value) -> key.length() + value.length())
                .expireAfterWrite(properties.cache().localTtl()).build();
    }

    String key(long generation, String hash) {
        return keys.key("tr", Long.toString(generation), hash);
    }

    /** The cached value of each key, null where there is none (all null when Redis is unreachable). */
    List<String> getAll(List<String> cacheKeys) {
        List<String> values = new ArrayList<>(cacheKeys.size());
        List<String> remote = new ArrayList<>();
        for (String key : cacheKeys) {
            String value = local.getIfPresent(key);
            values.add(value);
            if (value == null) {
                remote.add(key);
            }
        }
        if (remote.isEmpty()) {
            return values;
        }
        try {
            List<String> found = redis.opsForValue().multiGet(remote);
            if (found != null && found.size() == remote.size()) {
                for (int i = 0, r = 0; i < values.size(); i++) {
                    if (values.get(i) == null) {
                        String value = found.get(r++);
                        values.set(i, value);
                        if (value != null) {
                            local.put(cacheKeys.get(i), value);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Translation cache unreachable on read: {}", e.toString());
        }
        return values;
    }

    void putAll(Map<String, String> entries) {
        if (entries.isEmpty()) {
            return;
        }
        local.putAll(entries);
        try {
            redis.executePipelined((RedisCallback<Object>) connection -> {
                entries.forEach((key, value) -> connection.stringCommands().setEx(
                        key.getBytes(StandardCharsets.UTF_8), ttlSeconds, value.getBytes(StandardCharsets.UTF_8)));
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Translation cache unreachable on write: {}", e.toString());
        }
    }

}
