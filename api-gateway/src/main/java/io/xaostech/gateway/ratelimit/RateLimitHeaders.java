package io.xaostech.gateway.ratelimit;

import io.xaostech.gateway.config.GatewayProperties.Limit;
import org.springframework.http.HttpHeaders;

/**
 * The rate-limit headers of IETF draft-ietf-httpapi-ratelimit-headers — {@code RateLimit-Policy: "burst";q=20;w=2}
 * listing every limit of the plan, {@code RateLimit: "burst";r=7;t=1} for the limit closest to refusing — and the
 * widespread {@code X-RateLimit-Limit/Remaining/Reset} for that same limit. For a token bucket, {@code q} is its
 * capacity, {@code w} the seconds it takes to fill from empty, and {@code t} (and {@code X-RateLimit-Reset}) the
 * seconds until it is full again.
 */
final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    static void write(HttpHeaders headers, Outcome outcome) {
        StringBuilder policies = new StringBuilder();
        for (Limit limit : outcome.limits()) {
            long fill = Math.max(1, Math.round((double) limit.per().toMillis() * limit.capacity() / limit.rate() / 1000));
            if (!policies.isEmpty()) {
                policies.append(", ");
            }
            policies.append('"').append(limit.name()).append("\";q=").append(limit.capacity()).append(";w=").append(fill);
        }
        int tightest = outcome.tightest();
        Limit limit = outcome.limits().get(tightest);
        long remaining = Math.max(0, outcome.remaining()[tightest]);
        long reset = (outcome.untilFullMillis()[tightest] + 999) / 1000;
        headers.set("RateLimit-Policy", policies.toString());
        headers.set("RateLimit", "\"" + limit.name() + "\";r=" + remaining + ";t=" + reset);
        headers.set("X-RateLimit-Limit", Long.toString(limit.capacity()));
        headers.set("X-RateLimit-Remaining", Long.toString(remaining));
        headers.set("X-RateLimit-Reset", Long.toString(reset));
    }
}
