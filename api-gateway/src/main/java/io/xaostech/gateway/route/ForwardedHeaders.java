package io.xaostech.gateway.route;

import io.xaostech.gateway.edge.ClientAddress;
import java.net.URI;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The forwarding headers a service may trust, set by the gateway itself after Spring Cloud Gateway has removed
 * every client-sent X-Forwarded header: {@code X-Forwarded-For} is the client's address as {@link ClientAddress}
 * trusts it (the connection's peer unless trusted proxies are configured), {@code X-Forwarded-Proto} its scheme
 * (the TLS-ending proxy's report when trusted proxies are configured),
 * {@code X-Forwarded-Host} the {@code Host} the client addressed (so the URLs a service builds — the sign-in
 * page's return to the authorization request, the consent page — point at the gateway, not at the service), and
 * {@code X-Forwarded-Prefix} the path prefix the route stripped (route metadata {@code forwarded-prefix}).
 */
@Component
class ForwardedHeaders implements HttpHeadersFilter, Ordered {

    static final String PREFIX_METADATA = "forwarded-prefix";

    private final ClientAddress clientAddress;

    ForwardedHeaders(ClientAddress clientAddress) {
        this.clientAddress = clientAddress;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        headers.set("X-Forwarded-For", clientAddress.of(exchange));
        String host = exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST);
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
        String scheme = clientAddress.scheme(exchange);
        headers.set("X-Forwarded-Proto", scheme);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        URI target = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        if (host != null && target != null && target.getScheme().startsWith("ws")
                && !headers.containsHeader(HttpHeaders.ORIGIN)) {
            // A WebSocket client that is not a browser sends no Origin (the gateway judged it by its token alone);
            // the proxied handshake then says it comes from the site itself, else the HTTP client would name the
            // service's own address, which the service's same-origin check refuses once it believes X-Forwarded-Host.
            headers.set(HttpHeaders.ORIGIN, scheme + "://" + host);
        }
        Object prefix = route == null ? null : route.getMetadata().get(PREFIX_METADATA);
        if (prefix != null) {
            headers.set("X-Forwarded-Prefix", prefix.toString());
        }
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
