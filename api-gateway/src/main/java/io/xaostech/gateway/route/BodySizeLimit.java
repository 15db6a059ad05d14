package io.xaostech.gateway.route;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.gateway.config.GatewayProperties;
import io.xaostech.platform.web.ProblemException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Refuses a request whose {@code Content-Length} is over its route's limit (route metadata {@value #METADATA},
 * else {@code xaos.gateway.max-body-size}) with a 413 problem, before it is authenticated or reaches a service.
 * A chunked body has no length to judge by; the service bounds it. (Spring Cloud Gateway's own RequestSize filter
 * cannot do this as a default: a default filter applies to every route beside the route's own, so no route
 * could allow more.)
 */
@Component
class BodySizeLimit implements GlobalFilter, Ordered {

    static final String METADATA = "max-body-size";

    private final long defaultLimit;
    private final Map<String, Long> byRoute = new ConcurrentHashMap<>();

    BodySizeLimit(GatewayProperties properties) {
        this.defaultLimit = properties.maxBodySize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        long limit = route == null ? defaultLimit : byRoute.computeIfAbsent(route.getId(), id -> limitOf(route));
        if (exchange.getRequest().getHeaders().getContentLength() > limit) {
            return Mono.error(new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body is larger than this path takes (" + limit + " bytes)."));
        }
        return chain.filter(exchange);
    }

    private long limitOf(Route route) {
        Object configured = route.getMetadata().get(METADATA);
        if (configured == null) {
            return defaultLimit;
        }
        try {
            long limit = DataSize.parse(configured.toString()).toBytes();
            if (limit >= 0) {
                return limit;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalStateException("Route " + route.getId() + " has " + METADATA + " '" + configured
                + "', which is not a size such as 11MB");
    }

    @Override
    public int getOrder() {
        return -300;
    }
}
