package io.xaostech.gateway.edge;

import io.xaostech.gateway.config.GatewayProperties;
import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers 404 for every blocked path ({@code /internal/**} of all services) before routing, whatever routes are
 * configured, so no route added later can expose it. Compared on the decoded, normalised path, ignoring case and
 * path parameters ({@code /auth;x/actuator} is {@code /auth/actuator}: routes match and strip such a segment whole).
 */
@Component
class InternalPathFilter implements WebFilter, Ordered {

    private final List<String> blockedPrefixes;

    InternalPathFilter(GatewayProperties properties) {
        this.blockedPrefixes = properties.blockedPathPrefixes().stream()
                .map(p -> p.toLowerCase(Locale.ROOT))
                .toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (isBlocked(exchange.getRequest().getURI().getPath())) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        return chain.filter(exchange);
    }

    boolean isBlocked(String decodedPath) {
        String path = normalise(decodedPath == null ? "/" : decodedPath).toLowerCase(Locale.ROOT);
        return blockedPrefixes.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }

    private static String normalise(String path) {
        String collapsed = path.replaceAll(";[^/]*", "").replaceAll("/{2,}", "/").replace("\\", "/");
        try {
            return java.net.URI.create("/" + collapsed.replaceAll("^/+", "").replace(" ", "%20"))
                    .normalize().getPath();
        } catch (IllegalArgumentException e) {
            return collapsed;
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
