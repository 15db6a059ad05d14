package io.xaostech.account.oauth;

import io.xaostech.account.session.Sessions;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

/**
 * Binds each token family started from a browser sign-in to that session: the public session id is stored
 * with the authorization (so tokens carry it as {@code sid}) and registered, so ending the session revokes the
 * family.
 */
class SessionBoundAuthorizations extends ForwardingAuthorizationService {

    private final Sessions sessions;

    SessionBoundAuthorizations(OAuth2AuthorizationService delegate, Sessions sessions) {
        super(delegate);
        this.sessions = sessions;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        String sid = authorization.getAttribute(Sessions.SID_CLAIM);
        if (sid == null && AuthorizationGrantType.AUTHORIZATION_CODE.equals(authorization.getAuthorizationGrantType())) {
            sid = sessions.currentSid().orElse(null);
            if (sid != null) {
                authorization = OAuth2Authorization.from(authorization).attribute(Sessions.SID_CLAIM, sid).build();
            }
        }
        delegate.save(authorization);
        if (sid != null) {
            sessions.linkAuthorization(sid, authorization.getId());
        }
    }
}
