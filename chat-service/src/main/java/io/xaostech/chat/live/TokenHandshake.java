package io.xaostech.chat.live;

import io.xaostech.common.security.ClaimNames;
import io.xaostech.platform.security.BearerTokens;
import io.xaostech.platform.web.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Authenticates the WebSocket handshake with an account access token (audience {@code api}), validated here:
 * from a {@code Sec-WebSocket-Protocol} entry {@code bearer.<jwt>} (what browsers can send), an
 * {@code Authorization: Bearer} header, or the gateway's {@code XAOS_WS_TOKEN} cookie. No valid token, or one of
 * an account session that ended: 401.
 */
final class TokenHandshake implements HandshakeInterceptor {

    static final String USER = "xaos.user";
    static final String EXPIRES = "xaos.expires";
    static final String SESSION = "xaos.session";
    static final String PROTOCOL_PREFIX = "bearer.";
    /** The protocol's own name, offered beside the token. */
    static final String PROTOCOL = "xaos-chat.v1";
    static final String COOKIE = "XAOS_WS_TOKEN";

    private final JwtDecoder decoder;
    private final EndedSessions ended;

    TokenHandshake(JwtDecoder decoder, EndedSessions ended) {
        this.decoder = decoder;
        this.ended = ended;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        Optional<String> token = token(request);
        if (token.isEmpty()) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        try {
            Jwt jwt = decoder.decode(token.get());
            attributes.put(USER, BearerTokens.userId(jwt));
            attributes.put(EXPIRES, jwt.getExpiresAt());
            String session = jwt.getClaimAsString(ClaimNames.SESSION_ID);
            if (session != null) {
                if (ended.ended(session)) {
                    response.setStatusCode(HttpStatus.UNAUTHORIZED);
                    return false;
                }
                attributes.put(SESSION, session);
            }
            return true;
        } catch (JwtException | ProblemException e) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }

    static Optional<String> token(ServerHttpRequest request) {
        for (String protocols : request.getHeaders().getOrEmpty("Sec-WebSocket-Protocol")) {
            for (String protocol : protocols.split(",")) {
                if (protocol.strip().startsWith(PROTOCOL_PREFIX)) {
                    return Optional.of(protocol.strip().substring(PROTOCOL_PREFIX.length()));
                }
            }
        }
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).strip());
        }
        if (request instanceof ServletServerHttpRequest servlet && servlet.getServletRequest().getCookies() != null) {
            for (jakarta.servlet.http.Cookie cookie : servlet.getServletRequest().getCookies()) {
                if (COOKIE.equals(cookie.getName())) {
                    return Optional.of(cookie.getValue());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The subprotocol to answer with: {@value #PROTOCOL} when offered (so the token is never echoed back in a
     * response header), else the offered {@code bearer.} entry, which a browser insists on getting back.
     */
    static Optional<String> selectProtocol(List<String> requested) {
        List<String> offered = requested.stream().map(String::strip).toList();
        if (offered.contains(PROTOCOL)) {
            return Optional.of(PROTOCOL);
        }
        return offered.stream().filter(p -> p.startsWith(PROTOCOL_PREFIX)).findFirst();
    }
}
