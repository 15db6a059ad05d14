package io.xaostech.gateway.route;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells a service the path prefix the gateway stripped, from the route's {@code forwarded-prefix} metadata, as
 * {@code X-Forwarded-Prefix}. Runs after Spring Cloud Gateway has removed every client-sent X-Forwarded header
 * (no proxy in front of the gateway is trusted), so the value is always the gateway's own.
 */
@Component
class ForwardedPrefixHeaders implements HttpHeadersFilter, Ordered {

    static final String METADATA_KEY = "forwarded-prefix";
    static final String HEADER = "X-Forwarded-Prefix";

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        Object prefix = route == null ? null : route.getMetadata().get(METADATA_KEY);
        if (prefix == null) {
            return input;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        headers.set(HEADER, prefix.toString());
        return headers;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
