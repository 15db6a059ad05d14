package io.xaostech.gateway.ratelimit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.gateway.auth.EdgePrincipal;
import io.xaostech.gateway.config.GatewayProperties;
import io.xaostech.gateway.config.GatewayProperties.KeyBy;
import io.xaostech.gateway.config.GatewayProperties.Limit;
import io.xaostech.gateway.config.GatewayProperties.Policy;
import io.xaostech.gateway.edge.ClientAddress;
import io.xaostech.platform.redis.Keyspace;
import io.xaostech.platform.web.ProblemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Applies the rate-limit policy a route names in its metadata ({@code rate-limit: <policy>}, optional
 * {@code rate-limit-cost: <n>}): picks the caller's plan and key, takes the cost from every bucket of the plan in
 * one Redis script call, and answers 429 with {@code Retry-After} when any bucket is short. Every limited
 * response carries {@code RateLimit-Policy}, {@code RateLimit} and {@code X-RateLimit-*}. Redis is called
 * with a short timeout behind a circuit breaker, so no request waits on a dead or frozen Redis; the policy
 * then decides: a local bucket, no limit, or 503. In shadow mode decisions are counted and logged only.
 */
@Component
class RateLimitFilter implements GlobalFilter, Ordered {

    static final String POLICY_METADATA = "rate-limit";
    static final String COST_METADATA = "rate-limit-cost";

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final GatewayProperties.RateLimits settings;
    private final RedisBuckets redis;
    private final LocalBuckets local;
    private final ClientAddress clientAddress;
    private final Keyspace keyspace;
    private final MeterRegistry meters;
    private final CircuitBreaker breaker;
    private final AtomicBoolean redisDown = new AtomicBoolean();
    private final Map<String, RoutePolicy> byRoute = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private record RoutePolicy(String name, Policy policy, long cost) {
        static final RoutePolicy NONE = new RoutePolicy(null, null, 0);
    }

    RateLimitFilter(GatewayProperties properties, RedisBuckets redis, LocalBuckets local, ClientAddress clientAddress,
                    Keyspace keyspace, MeterRegistry meters) {
        this.settings = properties.rateLimits();
        this.redis = redis;
        this.local = local;
        this.clientAddress = clientAddress;
        this.keyspace = keyspace;
        this.meters = meters;
        this.breaker = CircuitBreaker.of("rate-limit-redis", CircuitBreakerConfig.custom()
                .slidingWindowSize(20).minimumNumberOfCalls(5).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(2)).permittedNumberOfCallsInHalfOpenState(2)
                .build());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (!settings.enabled()) {
            return chain.filter(exchange);
        }
        RoutePolicy routePolicy = route == null ? RoutePolicy.NONE : byRoute.computeIfAbsent(route.getId(), id -> policyOf(route));
        if (routePolicy.policy() == null) {
            return chain.filter(exchange);
        }
        EdgePrincipal principal = exchange.getAttributeOrDefault(EdgePrincipal.ATTRIBUTE, EdgePrincipal.ANONYMOUS);
        Policy policy = routePolicy.policy();
        List<Limit> limits = policy.plans().getOrDefault(principal.plan(), policy.plans().get("default"));
        if (limits == null) {
            return chain.filter(exchange);
        }
        String caller = policy.key() == KeyBy.PRINCIPAL && principal.limitKey() != null ? principal.limitKey()
                : "ip:" + clientAddress.of(exchange);
        List<String> keys = new ArrayList<>(limits.size());
        for (Limit limit : limits) {
            // One hash tag per caller: all of a caller's buckets live in one cluster slot, as the script needs.
            keys.add(keyspace.key("rl", "{" + caller + "}", routePolicy.name(), limit.name()));
        }
        return redis.take(keys, limits, routePolicy.cost(), settings.redisTimeout())
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .doOnNext(outcome -> recovered())
                .map(outcome -> new Decision(outcome, "redis"))
                .onErrorResume(e -> Mono.just(fallback(routePolicy, keys, limits, e)))
                .flatMap(decision -> apply(exchange, chain, routePolicy, decision));
    }

    private record Decision(Outcome outcome, String source) {
    }

    private Decision fallback(RoutePolicy routePolicy, List<String> keys, List<Limit> limits, Throwable e) {
        if (redisDown.compareAndSet(false, true)) {
            log.warn("Rate limits cannot reach Redis ({}); policies fall back to their when-redis-down choice", e.toString());
        }
        return switch (routePolicy.policy().whenRedisDown()) {
            case LOCAL -> new Decision(local.take(keys, limits, routePolicy.cost()), "local");
            case OPEN -> new Decision(null, "open");
            case CLOSED -> new Decision(null, "closed");
        };
    }

    private void recovered() {
        if (redisDown.compareAndSet(true, false)) {
            log.info("Rate limits reach Redis again");
        }
    }

    private Mono<Void> apply(ServerWebExchange exchange, GatewayFilterChain chain, RoutePolicy routePolicy, Decision decision) {
        Outcome outcome = decision.outcome();
        if (outcome == null) {
            count(routePolicy, decision.source(), decision.source().equals("open") ? "allowed" : "refused");
            if (decision.source().equals("closed")) {
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
                return Mono.error(new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                        "Requests here cannot be counted right now, so they are not accepted; retry later."));
            }
            return chain.filter(exchange);
        }
        if (settings.shadow()) {
            count(routePolicy, decision.source(), outcome.allowed() ? "allowed" : "would-limit");
            if (!outcome.allowed()) {
                log.info("Shadow rate limit: {} {} would be limited by policy {}", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), routePolicy.name());
            }
            return chain.filter(exchange);
        }
        RateLimitHeaders.write(exchange.getResponse().getHeaders(), outcome);
        count(routePolicy, decision.source(), outcome.allowed() ? "allowed" : "limited");
        if (!outcome.allowed()) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(outcome.retryAfterSeconds()));
            return Mono.error(new ProblemException(ProblemType.RATE_LIMITED, "Too many requests; retry after "
                    + outcome.retryAfterSeconds() + " s."));
        }
        return chain.filter(exchange);
    }

    /** One counter per (policy, source, decision), looked up in the registry once, not on every request. */
    private void count(RoutePolicy routePolicy, String source, String decision) {
        counters.computeIfAbsent(routePolicy.name() + '|' + source + '|' + decision,
                key -> meters.counter("xaos.gateway.ratelimit.decisions", "policy", routePolicy.name(),
                        "source", source, "decision", decision)).increment();
    }

    private RoutePolicy policyOf(Route route) {
        Object name = route.getMetadata().get(POLICY_METADATA);
        if (name == null || "none".equals(name.toString())) {
            return RoutePolicy.NONE;
        }
        Policy policy = settings.policies().get(name.toString());
        if (policy == null) {
            throw new IllegalStateException("Route " + route.getId() + " names rate-limit policy '" + name
                    + "', which xaos.gateway.rate-limits.policies does not define");
        }
        Object cost = route.getMetadata().get(COST_METADATA);
        return new RoutePolicy(name.toString(), policy, cost == null ? 1 : Long.parseLong(cost.toString()));
    }

    @Override
    public int getOrder() {
        return -150;
    }
}
