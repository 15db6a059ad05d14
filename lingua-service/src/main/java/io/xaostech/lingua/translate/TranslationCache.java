package io.xaostech.lingua.translate;

import io.xaostech.lingua.config.LinguaProperties;
import io.xaostech.platform.redis.Keyspace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Machine translations in Redis ({@code lingua:tr:<generation>:<hash>}), kept for the configured TTL. A batch is
 * looked up with one MGET and stored with one pipeline. Redis being away costs only speed: lookups miss and
 * stores are skipped.
 */
@Component
class TranslationCache {

    private static final Logger log = LoggerFactory.getLogger(TranslationCache.class);

    private final StringRedisTemplate redis;
    private final Keyspace keys;
    private final long ttlSeconds;

    TranslationCache(StringRedisTemplate redis, Keyspace keys, LinguaProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.ttlSeconds = properties.cache().ttl().toSeconds();
    }

    String key(long generation, String hash) {
        return keys.key("tr", Long.toString(generation), hash);
    }

    /** The cached value of each key, null where there is none (all null when Redis is unreachable). */
    List<String> getAll(List<String> cacheKeys) {
        try {
            List<String> values = redis.opsForValue().multiGet(cacheKeys);
            if (values != null && values.size() == cacheKeys.size()) {
                return values;
            }
        } catch (RuntimeException e) {
            log.warn("Translation cache unreachable on read: {}", e.toString());
        }
        List<String> none = new ArrayList<>(cacheKeys.size());
        cacheKeys.forEach(k -> none.add(null));
        return none;
    }

    void putAll(Map<String, String> entries) {
        if (entries.isEmpty()) {
            return;
        }
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
