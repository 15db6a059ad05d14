package io.xaostech.data.consent;

import io.xaostech.data.purpose.NoticePublished;
import io.xaostech.platform.redis.Keyspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each subject's current consent in Redis, {@code data:user:<id>:consent} (visitors: {@code data:visitor:<id>:consent}):
 * a JSON object from purpose code to {@link PurposeConsent}, written after every change and kept a day. Other
 * services may read it (read-only) and act on {@code allowed}; a missing key means "ask data-service". A new
 * notice version removes every subject's entry, since their standing changed (re-consent needed).
 */
@Component
class ConsentCache {

    private static final Logger log = LoggerFactory.getLogger(ConsentCache.class);
    private static final Duration TTL = Duration.ofDays(1);
    private static final TypeReference<LinkedHashMap<String, PurposeConsent>> SHAPE = new TypeReference<>() {
    };

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Keyspace keys;

    ConsentCache(StringRedisTemplate redis, JsonMapper json, Keyspace keys) {
        this.redis = redis;
        this.json = json;
        this.keys = keys;
    }

    Optional<List<PurposeConsent>> get(Subject subject) {
        try {
            String cached = redis.opsForValue().get(key(subject));
            return cached == null ? Optional.empty() : Optional.of(new ArrayList<>(json.readValue(cached, SHAPE).values()));
        } catch (RuntimeException e) {
            log.debug("Consent cache unreadable for {}: {}", subject, e.toString());
            return Optional.empty();
        }
    }

    void put(Subject subject, List<PurposeConsent> consents) {
        Map<String, PurposeConsent> byPurpose = new LinkedHashMap<>();
        consents.forEach(consent -> byPurpose.put(consent.purpose(), consent));
        try {
            redis.opsForValue().set(key(subject), json.writeValueAsString(byPurpose), TTL);
        } catch (RuntimeException e) {
            // Readers fall back to data-service; a stale entry is worse than none.
            log.warn("Consent cache not written for {}: {}", subject, e.toString());
            evict(subject);
        }
    }

    void evict(Subject subject) {
        try {
            redis.delete(key(subject));
        } catch (RuntimeException e) {
            log.warn("Consent cache entry of {} not removed: {}", subject, e.toString());
        }
    }

    /** Everyone's standing changed: drop every entry once the new notice is committed (rebuilt on the next read). */
    @TransactionalEventListener
    void noticePublished(NoticePublished published) {
        for (String kind : List.of(Subject.USER, Subject.VISITOR)) {
            try (Cursor<String> found = redis.scan(ScanOptions.scanOptions()
                    .match(keys.key(kind.toLowerCase(java.util.Locale.ROOT), "*", "consent")).count(1_000).build())) {
                List<String> batch = new ArrayList<>();
                while (found.hasNext()) {
                    batch.add(found.next());
                    if (batch.size() == 1_000) {
                        redis.unlink(batch);
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    redis.unlink(batch);
                }
            }
        }
    }

    private String key(Subject subject) {
        return keys.key(subject.kind().toLowerCase(java.util.Locale.ROOT), subject.id(), "consent");
    }
}
