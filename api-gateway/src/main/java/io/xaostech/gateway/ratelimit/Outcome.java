package io.xaostech.gateway.ratelimit;

import io.xaostech.gateway.config.GatewayProperties.Limit;
import java.util.List;

/**
 * What the buckets said about one request: whether it may pass and, per limit of its plan, the tokens left and
 * the time until the bucket is full and until the request's cost would be there.
 */
record Outcome(boolean allowed, List<Limit> limits, long[] remaining, long[] untilFullMillis, long[] untilCostMillis) {

    /** The limit closest to refusing: the fewest tokens left relative to its capacity. */
    int tightest() {
        int tightest = 0;
        for (int i = 1; i < limits.size(); i++) {
            if ((double) remaining[i] / limits.get(i).capacity() < (double) remaining[tightest] / limits.get(tightest).capacity()) {
                tightest = i;
            }
        }
        return tightest;
    }

    /** Whole seconds until a refused request could pass, at least 1. */
    long retryAfterSeconds() {
        long longest = 0;
        for (long wait : untilCostMillis) {
            longest = Math.max(longest, wait);
        }
        return Math.max(1, (longest + 999) / 1000);
    }
}
