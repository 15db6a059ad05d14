package io.xaostech.account.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;

/**
 * What a registered redirect URI may be (RFC 9700 §2.1, RFC 8252 §7): absolute, no fragment, no user info, no
 * wildcard; {@code https}, or {@code http} on a loopback address for native apps, or a private-use scheme in
 * reverse-domain form ({@code com.example.app:/callback}) for public native clients. Matching stays exact.
 */
final class RedirectUriRule {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private RedirectUriRule() {
    }

    /** What is wrong with the URI, if anything. */
    static Optional<String> problemWith(String value, boolean publicClient) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URI");
        }
        if (!uri.isAbsolute()) {
            return Optional.of("must be absolute");
        }
        if (uri.getRawFragment() != null || value.contains("*")) {
            return Optional.of("must not hold a fragment or a wildcard");
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("https") || scheme.equals("http")) {
            if (uri.getHost() == null || uri.getRawUserInfo() != null) {
                return Optional.of("must name a host and no user info");
            }
            if (scheme.equals("http") && !LOOPBACK.contains(uri.getHost())) {
                return Optional.of("must use https unless it points at the loopback address");
            }
            return Optional.empty();
        }
        if (publicClient && scheme.contains(".")) {
            return Optional.empty();
        }
        return Optional.of("must use https, http on loopback, or (public clients) a reverse-domain private scheme");
    }
}
