package io.xaostech.gateway.edge;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.Connection;

/** The client's own connection under an exchange's (possibly decorated) request, as Reactor Netty holds it. */
public final class ClientConnection {

    private ClientConnection() {
    }

    /** Whether the client has hung up. */
    public static boolean isGone(ServerWebExchange exchange) {
        Connection connection = of(exchange);
        return connection != null && !connection.channel().isActive();
    }

    private static Connection of(ServerWebExchange exchange) {
        return ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()) instanceof Connection connection
                ? connection : null;
    }
}
