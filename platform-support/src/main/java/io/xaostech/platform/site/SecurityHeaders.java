package io.xaostech.platform.site;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The browser-facing headers of every response of a site (SECURITY-CHECKLIST 14): a CSP without inline scripts
 * and with {@code frame-ancestors}, {@code nosniff}, a referrer policy, no powerful features, and HSTS where the
 * site is served over TLS. Runs first, on error pages too; a handler may replace a header for its own response
 * (an image's stricter CSP).
 */
class SecurityHeaders extends OncePerRequestFilter {

    private final SiteProperties site;

    SecurityHeaders(SiteProperties site) {
        this.site = site;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        setIfAbsent(response, "Content-Security-Policy", site.contentSecurityPolicy());
        setIfAbsent(response, "X-Content-Type-Options", "nosniff");
        setIfAbsent(response, "Referrer-Policy", "strict-origin-when-cross-origin");
        setIfAbsent(response, "X-Frame-Options", "DENY");
        setIfAbsent(response, "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        setIfAbsent(response, "Cross-Origin-Opener-Policy", "same-origin");
        if (site.hsts()) {
            setIfAbsent(response, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        chain.doFilter(request, response);
    }

    private static void setIfAbsent(HttpServletResponse response, String name, String value) {
        if (!response.containsHeader(name)) {
            response.setHeader(name, value);
        }
    }
}
