package io.xaostech.gateway.edge;

import io.xaostech.gateway.config.GatewayProperties;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The client's address and scheme as far as they can be trusted: with no trusted proxy in front, the
 * connection's peer and scheme; with N trusted proxies, the address the outermost of them saw
 * ({@code X-Forwarded-For}, N-th entry from the right; entries further left are the client's own claims and are
 * ignored) and the scheme the nearest one reports ({@code X-Forwarded-Proto}, last entry: TLS ends there).
 * The address is worked out once per request.
 */
@Component
public class ClientAddress {

    private static final String ATTRIBUTE = ClientAddress.class.getName();

    private final int trustedHops;

    ClientAddress(GatewayProperties properties) {
        this.trustedHops = properties.trustedProxyHops();
    }

    public String of(ServerWebExchange exchange) {
        String known = exchange.getAttribute(ATTRIBUTE);
        if (known != null) {
            return known;
        }
        String address = resolve(exchange);
        exchange.getAttributes().put(ATTRIBUTE, address);
        return address;
    }

    /** {@code https} or {@code http}, as the client reached the platform. */
    public String scheme(ServerWebExchange exchange) {
        String connection = exchange.getRequest().getURI().getScheme();
        if (trustedHops == 0) {
            return connection;
        }
        List<String> reported = exchange.getRequest().getHeaders().getOrEmpty("X-Forwarded-Proto");
        if (reported.isEmpty()) {
            return connection;
        }
        String[] values = reported.get(reported.size() - 1).split(",");
        String nearest = values[values.length - 1].strip().toLowerCase(java.util.Locale.ROOT);
        return nearest.equals("https") || nearest.equals("http") ? nearest : connection;
    }

    private String resolve(ServerWebExchange exchange) {
        InetSocketAddress peer = exchange.getRequest().getRemoteAddress();
        String peerAddress = peer == null || peer.getAddress() == null ? "unknown" : peer.getAddress().getHostAddress();
        if (trustedHops == 0) {
            return peerAddress;
        }
        List<String> hops = new ArrayList<>();
        for (String header : exchange.getRequest().getHeaders().getOrEmpty("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        if (hops.isEmpty()) {
            return peerAddress;
        }
        return hops.get(Math.max(0, hops.size() - trustedHops));
    }
}
