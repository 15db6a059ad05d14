package io.xaostech.gateway.auth;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Authenticates every routed request and applies its route's access rule. Credentials: {@code Authorization:
 * Bearer <jwt>}, {@code Authorization: ApiKey xk_…} or {@code X-API-Key: xk_…}; on a WebSocket upgrade also a
 * {@code Sec-WebSocket-Protocol} entry {@code bearer.<jwt>} or the cookie {@value #WS_TOKEN_COOKIE} (browsers
 * cannot set headers there). Credentials that are sent are always checked, even on public routes: a bad
 * token is a 401, never silently anonymous. Other {@code Authorization} schemes (Basic for OAuth clients at
 * the token endpoint) pass through untouched as anonymous. The credentials are forwarded as they came, and
 * each service checks them again.
 */
@Component
class EdgeAuthentication implements GlobalFilter, Ordered {

    static final int ORDER = -200;
    static final String WS_TOKEN_COOKIE = "XAOS_WS_TOKEN";
    static final String WS_PROTOCOL_PREFIX = "bearer.";

    private final AccessTokens tokens;
    private final ApiKeys apiKeys;
    private final Map<String, RouteAccess> accessByRoute = new ConcurrentHashMap<>();

    EdgeAuthentication(AccessTokens tokens, ApiKeys apiKeys) {
        this.tokens = tokens;
        this.apiKeys = apiKeys;
    }

    private record Credentials(String bearer, String apiKey) {
        static final Credentials NONE = new Credentials(null, null);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        RouteAccess access = route == null ? RouteAccess.PUBLIC
                : accessByRoute.computeIfAbsent(route.getId(), id -> RouteAccess.parse(route.getMetadata().get(RouteAccess.METADATA)));
        Credentials credentials = credentialsOf(exchange.getRequest());
        Mono<EdgePrincipal> principal;
        if (credentials.bearer() != null) {
            principal = tokens.verify(credentials.bearer())
                    .onErrorMap(AccessTokens.InvalidToken.class, e -> unauthorized(exchange, e.getMessage(), true));
        } else if (credentials.apiKey() != null) {
            principal = apiKeys.resolve(credentials.apiKey())
                    .onErrorMap(e -> !(e instanceof ProblemException), e -> new ProblemException(
                            ProblemType.SERVICE_UNAVAILABLE, "API keys cannot be checked right now; retry later."))
                    .map(found -> found.orElseThrow(() -> unauthorized(exchange, "The API key is not valid.", false)));
        } else {
            principal = Mono.just(EdgePrincipal.ANONYMOUS);
        }
        return principal.flatMap(caller -> {
            if (!access.allows(caller)) {
                return Mono.error(caller.isAuthenticated() ? forbidden(exchange, access)
                        : unauthorized(exchange, "This API needs a bearer token or an API key.", false));
            }
            exchange.getAttributes().put(EdgePrincipal.ATTRIBUTE, caller);
            return chain.filter(exchange);
        });
    }

    private static Credentials credentialsOf(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            String value = authorization.strip();
            if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return new Credentials(value.substring(7).strip(), null);
            }
            if (value.regionMatches(true, 0, "ApiKey ", 0, 7)) {
                return new Credentials(null, value.substring(7).strip());
            }
        }
        String apiKey = headers.getFirst("X-API-Key");
        if (apiKey != null) {
            return new Credentials(null, apiKey.strip());
        }
        if ("websocket".equalsIgnoreCase(headers.getUpgrade())) {
            for (String protocol : headers.getOrEmpty("Sec-WebSocket-Protocol").stream()
                    .flatMap(v -> List.of(v.split(",")).stream()).map(String::strip).toList()) {
                if (protocol.startsWith(WS_PROTOCOL_PREFIX) && protocol.length() > WS_PROTOCOL_PREFIX.length()) {
                    return new Credentials(protocol.substring(WS_PROTOCOL_PREFIX.length()), null);
                }
            }
            HttpCookie cookie = request.getCookies().getFirst(WS_TOKEN_COOKIE);
            if (cookie != null && !cookie.getValue().isBlank()) {
                return new Credentials(cookie.getValue(), null);
            }
        }
        return Credentials.NONE;
    }

    private static ProblemException unauthorized(ServerWebExchange exchange, String detail, boolean invalidToken) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, invalidToken
                ? "Bearer realm=\"xaostech\", error=\"invalid_token\", error_description=\"" + detail + "\""
                : "Bearer realm=\"xaostech\", ApiKey realm=\"xaostech\"");
        return new ProblemException(ProblemType.UNAUTHORIZED, detail);
    }

    private static ProblemException forbidden(ServerWebExchange exchange, RouteAccess access) {
        if (access.rule() == RouteAccess.Rule.SCOPE) {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer realm=\"xaostech\", error=\"insufficient_scope\", scope=\"" + access.value() + "\"");
            return new ProblemException(ProblemType.FORBIDDEN, "This API needs the scope " + access.value() + ".");
        }
        return new ProblemException(ProblemType.FORBIDDEN, "This API is not open to your account.");
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
