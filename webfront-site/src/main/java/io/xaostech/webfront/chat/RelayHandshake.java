package io.xaostech.webfront.chat;

import io.xaostech.webfront.signin.AccessTokens;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Lets a signed-in visitor's page open the relay: their access token (refreshed when old) is taken from their
 * session for chat's handshake and kept only in this server's connection. Not signed in, or the refresh refused: 401.
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
        if (visitor != null && visitor.getPrincipal() instanceof OidcUser
                && request instanceof ServletServerHttpRequest servletRequest
                && response instanceof ServletServerHttpResponse servletResponse) {
            token = tokens.of(visitor, servletRequest.getServletRequest(), servletResponse.getServletResponse());
        }
        if (token.isEmpty()) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        attributes.put(TOKEN, token.get());
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }
}
