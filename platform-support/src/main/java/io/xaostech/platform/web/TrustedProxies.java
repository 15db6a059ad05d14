package io.xaostech.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code X-Forwarded-*} and {@code Forwarded} headers are believed only from our own proxies (SECURITY-CHECKLIST
 * 21): a request whose peer is a trusted proxy (the gateway; by default loopback only, where the launcher runs
 * it next to the services; Docker Compose names its networks) gets the client's address, scheme, host and
 * prefix from them, as Spring's
 * {@link ForwardedHeaderFilter} reads them; any other peer's forwarded headers are removed, so a client reaching
 * a service directly cannot choose the address its rate limits and audit records see.
 */
final class TrustedProxies extends OncePerRequestFilter {

    /** Loopback: a neighbour on the same network reaching a service directly is not believed. */
    static final List<String> DEFAULT = List.of("127.0.0.0/8", "::1/128");

    private final List<Cidr> trusted;
    private final ForwardedHeaderFilter believe = new ForwardedHeaderFilter();
    private final ForwardedHeaderFilter strip = new ForwardedHeaderFilter();

    /**
     * @param trusted           address blocks of our proxies
     * @param relativeRedirects keep redirects relative ({@code server.tomcat.use-relative-redirects}), as Spring
     *                          Boot's own forwarded-header filter does
     */
    TrustedProxies(List<String> trusted, boolean relativeRedirects) {
        this.trusted = trusted.stream().map(Cidr::parse).toList();
        believe.setRelativeRedirects(relativeRedirects);
        strip.setRemoveOnly(true);
    }

    /** Error pages and async dispatches see the same scheme, host and prefix as the request (as Spring's filter). */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        (isTrusted(request.getRemoteAddr()) ? believe : strip).doFilter(request, response, chain);
    }

    boolean isTrusted(String address) {
        try {
            byte[] peer = InetAddress.getByName(address).getAddress();
            return trusted.stream().anyMatch(cidr -> cidr.contains(peer));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** An address block: its first bytes and how many leading bits must match. */
    record Cidr(byte[] network, int bits) {

        static Cidr parse(String text) {
            String[] parts = text.strip().split("/", 2);
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("Prefix length out of range in " + text);
                }
                return new Cidr(network, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("Not an address block: " + text, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
