package io.xaostech.gateway.requestlog;

import io.xaostech.gateway.auth.EdgePrincipal;
import io.xaostech.gateway.config.GatewayProperties;
import io.xaostech.gateway.edge.ClientAddress;
import io.xaostech.gateway.edge.TraceContext;
import io.xaostech.platform.reactive.RequestIdWebFilter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Logs every request that reaches the gateway — routed or not, answered by a service or by the gateway itself —
 * when its response is committed (so the status is the one the client got; latency is time to the response
 * head), or with status 499 when the client went away first. Only the path is kept, never the query.
 */
@Component
class RequestLogFilter implements WebFilter, Ordered {

    static final int CLIENT_CLOSED = 499;

    private final RequestLogWriter writer;
    private final ClientAddress clientAddress;
    private final Clock clock;
    private final boolean enabled;

    RequestLogFilter(RequestLogWriter writer, ClientAddress clientAddress, Clock clock, GatewayProperties properties) {
        this.writer = writer;
        this.clientAddress = clientAddress;
        this.clock = clock;
        this.enabled = properties.requestLog().enabled();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!enabled) {
            return chain.filter(exchange);
        }
        Instant received = clock.instant();
        long started = System.nanoTime();
        AtomicBoolean logged = new AtomicBoolean();
        exchange.getResponse().beforeCommit(() -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            record(exchange, received, started, status == null ? 200 : status.value(), logged);
            return Mono.empty();
        });
        return chain.filter(exchange).doOnCancel(() -> record(exchange, received, started, CLIENT_CLOSED, logged));
    }

    private void record(ServerWebExchange exchange, Instant received, long started, int status, AtomicBoolean logged) {
        if (!logged.compareAndSet(false, true)) {
            return;
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        EdgePrincipal principal = exchange.getAttribute(EdgePrincipal.ATTRIBUTE);
        String path = exchange.getRequest().getPath().value();
        writer.add(new RequestLogEntry(received, RequestIdWebFilter.requestIdOf(exchange),
                route == null ? null : route.getId(), exchange.getRequest().getMethod().name(),
                path.length() > 2048 ? path.substring(0, 2048) : path, status,
                (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000),
                principal == null ? null : principal.logName(), clientAddress.of(exchange),
                exchange.getAttribute(TraceContext.TRACE_ID_ATTRIBUTE)));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
