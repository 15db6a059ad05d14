package io.xaostech.chat.live;

import io.xaostech.platform.redis.Keyspace;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Account sessions that ended ({@code chat:ended-session:<sid>}), remembered for longer than any access token of
 * theirs can live, so that a token of an ended session cannot open a new connection either.
 */
@Component
class EndedSessions {

    private static final Logger log = LoggerFactory.getLogger(EndedSessions.class);
    /** Longer than account's access tokens live (minutes), with room to spare. */
    static final Duration REMEMBERED = Duration.ofHours(24);

    private final StringRedisTemplate redis;
    private final Keyspace keys;

    EndedSessions(StringRedisTemplate redis, Keyspace keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Remembers the session as ended; throws when Redis cannot take it (the event is then delivered again). */
    void end(String sessionId) {
        redis.opsForValue().set(keys.key("ended-session", sessionId), "1", REMEMBERED);
    }

    /** Whether the session ended; false when Redis cannot say (the token is valid, and its expiry still binds). */
    boolean ended(String sessionId) {
        try {
            return Boolean.TRUE.equals(redis.hasKey(keys.key("ended-session", sessionId)));
        } catch (RuntimeException e) {
            log.warn("Could not check whether session {} ended: {}", sessionId, e.toString());
            return false;
        }
    }
}
