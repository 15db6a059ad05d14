package io.xaostech.platform.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * "At most N per window" for one subject (a user posting comments, sending messages), counted in Redis so
 * every instance shares the count: one atomic script per call, the counter expiring with its window.
 */
public class FixedWindowLimit {

    private static final RedisScript<Long> COUNT = RedisScript.of(
            "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n",
            Long.class);

    private final StringRedisTemplate redis;
    private final Keyspace keys;
    private final Clock clock;

    public FixedWindowLimit(StringRedisTemplate redis, Keyspace keys, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Counts one more for {@code subject} under {@code name}; answers empty if it is within {@code limit} for the
     * current window, else the whole seconds (at least 1) until the window ends.
     */
    public OptionalLong admit(String name, String subject, int limit, Duration window) {
        long windowMillis = window.toMillis();
        long index = clock.millis() / windowMillis;
        Long count = redis.execute(COUNT, List.of(keys.key("rate", name, subject, Long.toString(index))),
                Long.toString(windowMillis));
        if (count == null || count <= limit) {
            return OptionalLong.empty();
        }
        long remainingMillis = (index + 1) * windowMillis - clock.millis();
        return OptionalLong.of(Math.max(1, (remainingMillis + 999) / 1000));
    }
}
