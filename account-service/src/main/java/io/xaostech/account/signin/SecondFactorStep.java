package io.xaostech.account.signin;

import io.xaostech.account.mfa.Mfa;
import io.xaostech.account.session.SessionRecordingSuccessHandler;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * After a right password: a user with a second factor is not signed in yet. The password's authentication waits
 * in the session (five minutes at most) while the browser is sent to {@code /login/mfa}; only a right code puts
 * it in force, with a new session id, and then sign-in ends as usual (session recorded, back to where the user
 * was going). Users without a second factor go straight on.
 */
@Component
public class SecondFactorStep implements AuthenticationSuccessHandler {

    static final String PENDING = SecondFactorStep.class.getName() + ".pending";
    static final java.time.Duration PATIENCE = java.time.Duration.ofMinutes(5);
    static final int ATTEMPTS = 5;

    /** A password sign-in waiting for its second factor. */
    record Pending(Authentication authentication, Instant expiresAt, int failures) implements Serializable {
    }

    private final Mfa mfa;
    private final SessionRecordingSuccessHandler signedIn;
    private final SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

    SecondFactorStep(Mfa mfa, SessionRecordingSuccessHandler signedIn) {
        this.mfa = mfa;
        this.signedIn = signedIn;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                       Authentication authentication) throws IOException, ServletException {
        if (!mfa.isEnabled(UUID.fromString(authentication.getName()))) {
            signedIn.onAuthenticationSuccess(request, response, authentication);
            return;
        }
        request.getSession().setAttribute(PENDING, new Pending(authentication, Instant.now().plus(PATIENCE), 0));
        SecurityContextHolder.clearContext();
        contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
        response.sendRedirect(request.getContextPath() + "/login/mfa");
    }

    /** Puts a waiting sign-in in force after a right code. */
    void complete(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        request.getSession().removeAttribute(PENDING);
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        signedIn.onAuthenticationSuccess(request, response, authentication);
    }
}
