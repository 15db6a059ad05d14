package io.xaostech.account.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Component;

/**
 * Signing out (the sign-in pages' {@code /logout} or OpenID Connect RP-initiated logout at
 * {@code /connect/logout}) ends the sign-in session the way ending it from the session list does: the session
 * is marked ended, its Redis session deleted and every token family issued within it revoked; then the security
 * context is cleared.
 */
@Component
public class SessionEndingLogoutHandler implements LogoutHandler {

    private final Sessions sessions;
    private final SecurityContextLogoutHandler securityContext = new SecurityContextLogoutHandler();

    SessionEndingLogoutHandler(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        HttpSession session = request.getSession(false);
        if (authentication != null && session != null && session.getAttribute(Sessions.SID_ATTRIBUTE) instanceof String sid) {
            try {
                sessions.end(UUID.fromString(authentication.getName()), UUID.fromString(sid));
            } catch (IllegalArgumentException notAUserSession) {
                // A principal that is not one of our users (no UUID name) has no sign-in session to end.
            }
        }
        try {
            securityContext.logout(request, response, authentication);
        } catch (IllegalStateException alreadyInvalidated) {
            // Ending the session above already removed it.
        }
    }
}
