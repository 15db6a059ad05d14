package io.xaostech.gateway.edge;

import io.xaostech.gateway.config.GatewayProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriUtils;
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

    private static final Pattern PATH_PARAMETERS = Pattern.compile(";[^/]*");
    private static final Pattern REPEATED_SLASHES = Pattern.compile("/{2,}");
    private static final Pattern LEADING_SLASHES = Pattern.compile("^/+");

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
        String path = decodedPath == null ? "/" : decodedPath;
        // Decoded once more too: a path encoded twice must not slip past to a service that decodes twice.
        return isBlockedAsIs(path) || path.indexOf('%') >= 0 && isBlockedAsIs(decodedAgain(path));
    }

    private boolean isBlockedAsIs(String path) {
        String normalised = normalise(path).toLowerCase(Locale.ROOT);
        for (String prefix : blockedPrefixes) {
            if (normalised.startsWith(prefix)
                    && (normalised.length() == prefix.length() || normalised.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return false;
    }

    private static String decodedAgain(String path) {
        try {
            return StringUtils.uriDecode(path, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return path;
        }
    }

    private static String normalise(String path) {
        if (isPlain(path)) {
            return path;
        }
        String collapsed = REPEATED_SLASHES.matcher(PATH_PARAMETERS.matcher(path).replaceAll("")).replaceAll("/")
                .replace("\\", "/");
        // Every character a URI path cannot hold as it is (a decoded ?, #, %, space, ...) is escaped first, so the
        // parser neither cuts the path at it nor refuses it and leaves dot segments unresolved.
        String rooted = "/" + LEADING_SLASHES.matcher(collapsed).replaceAll("");
        return URI.create(UriUtils.encodePath(rooted, StandardCharsets.UTF_8)).normalize().getRawPath();
    }

    /**
     * Whether normalising would leave the path as it is (almost every request): rooted, only letters, digits,
     * {@code - _ .} and single slashes, and no segment starting with a dot.
     */
    private static boolean isPlain(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        char previous = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '/' && previous != '/' || c == '.' && previous != '/';
            if (!allowed) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
