package io.xaostech.account.signin;

import io.xaostech.account.audit.AuditLog;
import jakarta.servlet.Filter;
import org.springframework.stereotype.Component;

/** What the sign-in form's security chain adds: the throttle in front of the password check. */
@Component
public class SignInSecurity {

    private final LoginThrottle throttle;
    private final AuditLog audit;

    SignInSecurity(LoginThrottle throttle, AuditLog audit) {
        this.throttle = throttle;
        this.audit = audit;
    }

    public Filter throttleFilter() {
        return new LoginThrottleFilter(throttle, audit);
    }
}
