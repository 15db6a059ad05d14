package io.xaostech.account.signin;

import io.xaostech.account.audit.AuditLog;
import io.xaostech.account.mfa.Mfa;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second sign-in step: asks for an authenticator code (or a recovery code). Wrong codes count against the
 * same per-(account, address) throttle as passwords, and after {@value SecondFactorStep#ATTEMPTS} of them the
 * waiting sign-in is dropped, so the password is needed again.
 */
@Controller
class SecondFactorPageController {

    private final SecondFactorStep step;
    private final Mfa mfa;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    SecondFactorPageController(SecondFactorStep step, Mfa mfa, LoginThrottle throttle, AuditLog audit) {
        this.step = step;
        this.mfa = mfa;
        this.throttle = throttle;
        this.audit = audit;
    }

    @GetMapping("/login/mfa")
    String page(HttpServletRequest request) {
        return pending(request) == null ? "redirect:/login" : "mfa";
    }

    @PostMapping("/login/mfa")
    void verify(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        SecondFactorStep.Pending pending = pending(request);
        if (pending == null) {
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        String user = pending.authentication().getName();
        String ip = request.getRemoteAddr();
        if (!throttle.isLocked("mfa:" + user, ip) && mfa.verify(UUID.fromString(user), code)) {
            throttle.succeeded("mfa:" + user, ip);
            audit.record(AuditLog.Type.SIGN_IN_SUCCEEDED, null, user, "with second factor");
            step.complete(request, response, pending.authentication());
            return;
        }
        throttle.failed("mfa:" + user, ip);
        audit.record(AuditLog.Type.MFA_FAILED, null, user, null);
        HttpSession session = request.getSession();
        if (pending.failures() + 1 >= SecondFactorStep.ATTEMPTS) {
            session.removeAttribute(SecondFactorStep.PENDING);
            response.sendRedirect(request.getContextPath() + "/login?error");
            return;
        }
        session.setAttribute(SecondFactorStep.PENDING, new SecondFactorStep.Pending(pending.authentication(),
                pending.expiresAt(), pending.failures() + 1));
        response.sendRedirect(request.getContextPath() + "/login/mfa?error");
    }

    private static SecondFactorStep.Pending pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SecondFactorStep.PENDING) instanceof SecondFactorStep.Pending pending
                && Instant.now().isBefore(pending.expiresAt())) {
            return pending;
        }
        return null;
    }
}
