package io.xaostech.blog.comment;

import io.xaostech.blog.config.BlogProperties;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.redis.Keyspace;
import io.xaostech.platform.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/** At most N comments per user per hour (a fixed window in Redis); more is a 429 saying when to try again. */
@Component
class CommentRate {

    private static final Duration WINDOW = Duration.ofHours(1);
    private static final RedisScript<Long> COUNT = RedisScript.of(
            "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n",
            Long.class);

    private final StringRedisTemplate redis;
    private final Keyspace keys;
    private final BlogProperties.Comments rules;
    private final Clock clock;

    CommentRate(StringRedisTemplate redis, Keyspace keys, BlogProperties properties, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.rules = properties.comments();
        this.clock = clock;
    }

    void admit(UUID user) {
        long window = clock.millis() / WINDOW.toMillis();
        Long count = redis.execute(COUNT, List.of(keys.key("rate", "comment", user.toString(), Long.toString(window))),
                Long.toString(WINDOW.toMillis()));
        if (count != null && count > rules.perUserPerHour()) {
            long retryAfter = (window + 1) * WINDOW.toSeconds() - clock.millis() / 1000;
            throw new ProblemException(ProblemType.RATE_LIMITED, "You have posted " + rules.perUserPerHour()
                    + " comments this hour; try again later.", Map.of(ProblemException.RETRY_AFTER_PROPERTY, retryAfter));
        }
    }
}
