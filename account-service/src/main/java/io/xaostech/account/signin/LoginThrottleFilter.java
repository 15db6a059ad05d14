package io.xaostech.account.signin;

import io.xaostech.account.audit.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in attempt while its (account, address) pair or its address is locked, before the password is
 * even checked, and counts the outcome of every attempt it lets through. A refused attempt looks exactly like
 * a wrong password.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;
    private final AuditLog audit;

    LoginThrottleFilter(LoginThrottle throttle, AuditLog audit) {
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String email = request.getParameter("username");
        String ip = request.getRemoteAddr();
        if (throttle.isLocked(email, ip)) {
            audit.record(AuditLog.Type.SIGN_IN_LOCKED, null, emailForAudit(email), null);
            response.sendRedirect(request.getContextPath() + "/login?error");
            return;
        }
        chain.doFilter(request, response);
        String location = response.getHeader("Location");
        if (location != null && location.contains("/login?error")) {
            throttle.failed(email, ip);
            audit.record(AuditLog.Type.SIGN_IN_FAILED, null, emailForAudit(email), null);
        } else if (response.getStatus() == HttpServletResponse.SC_FOUND || response.getStatus() == 303) {
            throttle.succeeded(email, ip);
            // With a second factor pending, the sign-in succeeds (and is audited) only once the code is right.
            if (location == null || !location.endsWith("/login/mfa")) {
                audit.record(AuditLog.Type.SIGN_IN_SUCCEEDED, null, emailForAudit(email), null);
            }
        }
    }

    private static String emailForAudit(String email) {
        return email == null ? null : email.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
