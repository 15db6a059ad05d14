package io.xaostech.gateway.edge;

import java.nio.channels.ClosedChannelException;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.Connection;
import reactor.netty.channel.AbortedException;

/** The client's own connection under an exchange's (possibly decorated) request, as Reactor Netty holds it. */
public final class ClientConnection {

    private ClientConnection() {
    }

    /**
     * Whether the error only says that the reply could not be written because the client hung up: the client's
     * connection is closed and the error is the one Reactor Netty raises for writing to a closed connection.
     * A failure of the service that merely arrived after the client left is not such an error.
     */
    public static boolean isReplyToGoneClient(ServerWebExchange exchange, Throwable error) {
        boolean writeFailed = error instanceof AbortedException || error instanceof ClosedChannelException
                || AbortedException.isConnectionReset(error);
        Connection connection = of(exchange);
        return writeFailed && connection != null && !connection.channel().isActive();
    }

    private static Connection of(ServerWebExchange exchange) {
        try {
            return ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()) instanceof Connection connection
                    ? connection : null;
        } catch (RuntimeException notReactorNetty) {
            return null;
        }
    }
}
