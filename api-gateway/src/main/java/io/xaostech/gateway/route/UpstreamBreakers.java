package io.xaostech.gateway.route;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.gateway.config.GatewayProperties;
import io.xaostech.gateway.edge.ClientConnection;
import io.xaostech.platform.web.ProblemException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A circuit breaker per route around its upstream: connection failures, timeouts and 502/503/504 answers count
 * as failures; once too many fail, the route answers 503 at once (a problem with {@code Retry-After}) for
 * {@code open-for}, then lets a few calls try again. No time limit is added here: each route's
 * {@code response-timeout} bounds a call. A reply that cannot be sent because the client hung up counts for
 * nothing. State changes are logged and exported as metrics.
 */
@Component
class UpstreamBreakers implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(UpstreamBreakers.class);

    private final CircuitBreakerRegistry registry;
    private final long retryAfterSeconds;

    UpstreamBreakers(GatewayProperties properties, MeterRegistry meters) {
        GatewayProperties.Breakers settings = properties.breakers();
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        this.retryAfterSeconds = Math.max(1, settings.openFor().toSeconds());
        registry.getEventPublisher().onEntryAdded(added -> {
            CircuitBreaker breaker = added.getAddedEntry();
            breaker.getEventPublisher().onStateTransition(event -> log.warn("Circuit breaker of route {}: {}",
                    breaker.getName(), event.getStateTransition()));
            meters.gauge("xaos.gateway.breaker.open", List.of(Tag.of("route", breaker.getName())), breaker,
                    b -> b.getState() == CircuitBreaker.State.OPEN ? 1 : 0);
        });
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return chain.filter(exchange);
        }
        CircuitBreaker breaker = registry.circuitBreaker(route.getId());
        if (!breaker.tryAcquirePermission()) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            return Mono.error(new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                    "The service behind this path is failing; retry later."));
        }
        long started = System.nanoTime();
        return chain.filter(exchange)
                .doOnSuccess(done -> {
                    HttpStatusCode status = exchange.getResponse().getStatusCode();
                    long took = System.nanoTime() - started;
                    if (status != null && (status.value() == 502 || status.value() == 503 || status.value() == 504)) {
                        breaker.onError(took, TimeUnit.NANOSECONDS, new UpstreamAnswered(status.value()));
                    } else {
                        breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                    }
                })
                .doOnError(e -> {
                    if (ClientConnection.isReplyToGoneClient(exchange, e)) {
                        // That tells nothing about the service, and counting it would let clients that drop their
                        // connections open the breaker for everyone.
                        breaker.releasePermission();
                    } else {
                        breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
                    }
                })
                .doOnCancel(breaker::releasePermission);
    }

    /** An upstream that answered, but with a status saying it cannot serve. */
    private static final class UpstreamAnswered extends RuntimeException {
        UpstreamAnswered(int status) {
            super("upstream answered " + status, null, false, false);
        }
    }

    @Override
    public int getOrder() {
        return -100;
    }
}
