package io.xaostech.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.xaostech.gateway.config.GatewayProperties.Limit;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The same token buckets in this instance's memory, used while Redis is unreachable by policies that choose
 * {@code local}: limits then hold per instance rather than across all of them, which is better than none.
 */
@Component
class LocalBuckets {

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(200_000).expireAfterAccess(Duration.ofHours(1)).build();

    Outcome take(List<String> keys, List<Limit> limits, long cost) {
        long now = System.currentTimeMillis();
        int n = limits.size();
        Bucket[] held = new Bucket[n];
        long[] remaining = new long[n];
        long[] untilFull = new long[n];
        long[] untilCost = new long[n];
        boolean allowed = true;
        synchronized (this) {
            for (int i = 0; i < n; i++) {
                Limit limit = limits.get(i);
                double rate = (double) limit.rate() / limit.per().toMillis();
                Bucket bucket = buckets.get(keys.get(i), k -> new Bucket(limit.capacity(), now));
                bucket.tokens = Math.min(limit.capacity(), bucket.tokens + Math.max(0, now - bucket.at) * rate);
                bucket.at = now;
                held[i] = bucket;
                allowed &= bucket.tokens >= cost;
            }
            for (int i = 0; i < n; i++) {
                Limit limit = limits.get(i);
                double rate = (double) limit.rate() / limit.per().toMillis();
                if (allowed) {
                    held[i].tokens -= cost;
                }
                remaining[i] = (long) Math.floor(held[i].tokens);
                untilFull[i] = (long) Math.ceil((limit.capacity() - held[i].tokens) / rate);
                untilCost[i] = held[i].tokens >= cost ? 0 : (long) Math.ceil((cost - held[i].tokens) / rate);
            }
        }
        return new Outcome(allowed, limits, remaining, untilFull, untilCost);
    }
}
