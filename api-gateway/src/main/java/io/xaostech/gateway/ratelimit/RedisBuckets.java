package io.xaostech.gateway.ratelimit;

import io.xaostech.gateway.config.GatewayProperties.Limit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The buckets of a request, checked and charged in Redis by one script call (one round trip). */
@Component
class RedisBuckets {

    /**
     * The script's text, read once: a script made from a resource asks the resource for its modification time on
     * every call (to reload it), which inside the packaged jar throws, and swallows, an exception each time.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final RedisScript<List<Long>> SCRIPT = (RedisScript) RedisScript.of(scriptText(), List.class);

    private final ReactiveStringRedisTemplate redis;

    RedisBuckets(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    private static String scriptText() {
        try {
            return new ClassPathResource("ratelimit/token-buckets.lua").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The rate-limit script is missing from the gateway's jar", e);
        }
    }

    Mono<Outcome> take(List<String> keys, List<Limit> limits, long cost, Duration timeout) {
        List<String> args = new ArrayList<>(1 + 2 * limits.size());
        args.add(Long.toString(cost));
        for (Limit limit : limits) {
            args.add(Long.toString(limit.capacity()));
            args.add(Double.toString((double) limit.rate() / limit.per().toMillis()));
        }
        return redis.execute(SCRIPT, keys, args).next()
                .timeout(timeout)
                .map(result -> {
                    int n = limits.size();
                    long[] remaining = new long[n];
                    long[] untilFull = new long[n];
                    long[] untilCost = new long[n];
                    for (int i = 0; i < n; i++) {
                        remaining[i] = result.get(1 + 3 * i);
                        untilFull[i] = result.get(2 + 3 * i);
                        untilCost[i] = result.get(3 + 3 * i);
                    }
                    return new Outcome(result.get(0) == 1L, limits, remaining, untilFull, untilCost);
                });
    }
}
