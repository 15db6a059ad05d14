package io.xaostech.lingua.access;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.lingua.config.LinguaProperties;
import io.xaostech.platform.redis.Keyspace;
import io.xaostech.platform.web.ProblemException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Requests and characters per minute and per day for each caller, by its plan's limits, counted in Redis by one
 * atomic script per request: either all four counters take the request or none does, and a refused request
 * costs nothing. The refusal names the limit and when it resets (429 with Retry-After). Without Redis nothing
 * is translated (503): quotas are what keeps a key within what it paid for.
 */
@Component
public class Quotas {

    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;
    private static final String[] NAMES = {"requests per minute", "requests per day", "characters per minute",
            "characters per day"};

    /** Returns 0 when taken, else the 1-based index of the first counter that would exceed its limit. */
    private static final RedisScript<Long> TAKE = RedisScript.of("""
            for i = 1, 4 do
              local used = tonumber(redis.call('GET', KEYS[i]) or '0')
              if used + tonumber(ARGV[4 + i]) > tonumber(ARGV[i]) then return i end
            end
            for i = 1, 4 do
              local n = redis.call('INCRBY', KEYS[i], ARGV[4 + i])
              if n == tonumber(ARGV[4 + i]) then redis.call('PEXPIRE', KEYS[i], ARGV[8 + i]) end
            end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;
    private final Keyspace keys;
    private final Clock clock;
    private final Map<String, LinguaProperties.Quota> plans;

    Quotas(StringRedisTemplate redis, Keyspace keys, Clock clock, LinguaProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.plans = properties.quotas();
        for (String plan : List.of("anonymous", "user", "supporter")) {
            if (!plans.containsKey(plan)) {
                throw new IllegalStateException("xaos.lingua.quotas." + plan + " is not configured");
            }
        }
    }

    /** Counts one request of {@code chars} characters, or refuses it with 429 naming the limit it would exceed. */
    public void take(Caller caller, int chars) {
        LinguaProperties.Quota quota = plans.getOrDefault(caller.plan(), plans.get("user"));
        long now = clock.millis();
        long minute = now / MINUTE;
        long day = now / DAY;
        List<String> counters = List.of(
                keys.key("quota", caller.subject(), "req", "m" + minute),
                keys.key("quota", caller.subject(), "req", "d" + day),
                keys.key("quota", caller.subject(), "chr", "m" + minute),
                keys.key("quota", caller.subject(), "chr", "d" + day));
        long[] limits = {quota.requestsPerMinute(), quota.requestsPerDay(), quota.charsPerMinute(), quota.charsPerDay()};
        Long refused = redis.execute(TAKE, counters,
                String.valueOf(limits[0]), String.valueOf(limits[1]), String.valueOf(limits[2]), String.valueOf(limits[3]),
                "1", "1", String.valueOf(chars), String.valueOf(chars),
                String.valueOf(MINUTE + 5_000), String.valueOf(DAY + 60_000), String.valueOf(MINUTE + 5_000),
                String.valueOf(DAY + 60_000));
        if (refused == null || refused == 0) {
            return;
        }
        int index = refused.intValue() - 1;
        long window = index % 2 == 0 ? MINUTE : DAY;
        long resetsIn = ((now / window) + 1) * window - now;
        if (index >= 2 && chars > limits[index]) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "This request has " + chars + " characters; your "
                    + "plan allows " + limits[index] + " " + NAMES[index] + ".", Map.of("limit", limits[index]));
        }
        throw new ProblemException(ProblemType.RATE_LIMITED, "Too many requests: your plan allows " + limits[index]
                + " " + NAMES[index] + ".", Map.of("limit", limits[index], "quota", NAMES[index],
                ProblemException.RETRY_AFTER_PROPERTY, Math.max(1, (resetsIn + 999) / 1000)));
    }
}
