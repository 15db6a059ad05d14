package io.xaostech.account.signin;

import io.xaostech.account.config.AccountProperties;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.redis.Keyspace;
import io.xaostech.platform.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A per-address limit on the public forms that need no sign-in — sign-up, password-reset requests, and the
 * redemption of mailed tokens (verification, reset) — over both the JSON API and the HTML pages, each kind
 * counted apart in a fixed window in Redis. The gateway limits these routes too; this holds when account is
 * reached some other way and keeps token guessing and mail flooding bounded. Over the limit: 429 with
 * {@code Retry-After}. It runs just before Spring Security, so a refused post costs no more work.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1)
class PublicFormLimit extends OncePerRequestFilter {

    /** Which kind of form a POST path is. */
    private static final Map<String, String> KINDS = Map.of(
            "/api/v1/account/registrations", "sign-up",
            "/register", "sign-up",
            "/api/v1/account/password-resets", "reset-request",
            "/reset-password", "reset-request",
            "/api/v1/account/email-verifications", "token",
            "/api/v1/account/password-resets/confirm", "token",
            "/reset-password/confirm", "token");

    private final StringRedisTemplate redis;
    private final Keyspace keyspace;
    private final int limit;
    private final Duration window;

    PublicFormLimit(StringRedisTemplate redis, Keyspace keyspace, AccountProperties properties) {
        this.redis = redis;
        this.keyspace = keyspace;
        this.limit = properties.users().publicFormsPerAddress();
        this.window = properties.users().publicFormsWindow();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !KINDS.containsKey(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = keyspace.key("forms", KINDS.get(request.getServletPath()), request.getRemoteAddr());
        if (LoginThrottle.count(redis, key, window) > limit) {
            Long ttl = redis.getExpire(key);
            if (ttl != null && ttl == -1) {
                redis.expire(key, window);
                ttl = window.toSeconds();
            }
            response.setHeader("Retry-After", String.valueOf(ttl == null || ttl < 1 ? 1 : ttl));
            ProblemResponses.write(request, response, ProblemType.RATE_LIMITED, 429,
                    "Too many requests of this kind from your address; try again later.");
            return;
        }
        chain.doFilter(request, response);
    }
}
