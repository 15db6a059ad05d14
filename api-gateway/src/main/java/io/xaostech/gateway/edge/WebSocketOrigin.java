package io.xaostech.gateway.edge;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.gateway.config.GatewayProperties;
import io.xaostech.platform.web.ProblemException;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a WebSocket handshake whose {@code Origin} is not an allowed browser origin (ASVS 4.4.2): WebSockets are
 * not covered by CORS, so without this any site could open one with a visitor's cookie. Clients that are not
 * browsers send no Origin and are judged by their credentials alone.
 */
@Component
class WebSocketOrigin implements WebFilter, Ordered {

    private final Set<String> allowed;

    WebSocketOrigin(GatewayProperties properties) {
        this.allowed = Set.copyOf(properties.allowedOrigins());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String origin = headers.getOrigin();
        if ("websocket".equalsIgnoreCase(headers.getUpgrade()) && origin != null && !allowed.contains(origin)) {
            return Mono.error(new ProblemException(ProblemType.FORBIDDEN, "WebSockets may not be opened from this origin."));
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
