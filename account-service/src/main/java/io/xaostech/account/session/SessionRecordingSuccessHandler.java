package io.xaostech.account.session;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/** After a sign-in (session id already renewed): registers the session, then resumes where the user was going. */
@Component
public class SessionRecordingSuccessHandler implements AuthenticationSuccessHandler {

    private final Sessions sessions;
    private final AuthenticationSuccessHandler resume = new SavedRequestAwareAuthenticationSuccessHandler();

    SessionRecordingSuccessHandler(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException, ServletException {
        sessions.started(request, UUID.fromString(authentication.getName()));
        resume.onAuthenticationSuccess(request, response, authentication);
    }
}
