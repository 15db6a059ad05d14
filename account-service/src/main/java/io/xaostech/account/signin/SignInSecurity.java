package io.xaostech.account.signin;

import jakarta.servlet.Filter;
import org.springframework.stereotype.Component;

/** What the sign-in form's security chain adds: the throttle in front of the password check. */
@Component
public class SignInSecurity {

    private final LoginThrottle throttle;

    SignInSecurity(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    public Filter throttleFilter() {
        return new LoginThrottleFilter(throttle);
    }
}
