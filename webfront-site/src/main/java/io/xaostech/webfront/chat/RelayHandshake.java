package io.xaostech.webfront.chat;

import io.xaostech.webfront.config.Pages;
import io.xaostech.webfront.signin.AccessTokens;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Lets a signed-in visitor's page open the relay: their access token (refreshed when old) is taken from their
 * session for chat's handshake and kept only in this server's connection. Not signed in, or the refresh refused:
 * the connection opens and is closed at once with {@link ChatRelay#SIGNED_OUT}, which a page can tell from a network
 * failure (a refused handshake reaches its script only as 1006).
 */
final class RelayHandshake implements HandshakeInterceptor {

    static final String TOKEN = "xaos.chat.token";

    private final AccessTokens tokens;

    RelayHandshake(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        Authentication visitor = SecurityContextHolder.getContext().getAuthentication();
        Optional<String> token = Optional.empty();
        if (Pages.signedIn(visitor)
                && request instanceof ServletServerHttpRequest servletRequest
                && response instanceof ServletServerHttpResponse servletResponse) {
            token = tokens.of(visitor, servletRequest.getServletRequest(), servletResponse.getServletResponse());
        }
        token.ifPresent(value -> attributes.put(TOKEN, value));
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }
}
