package io.xaostech.account.social;

import io.xaostech.account.audit.AuditLog;
import java.time.Clock;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.client.RestTemplate;

/**
 * Turns a provider's user (GitHub, or Google through OpenID Connect) into one of ours. A known identity signs its user in. An unknown identity is
 * linked to the user who is already signed in (they proved the account), or else creates a new account — unless
 * an account already uses the provider's email, which is never merged: that user must sign in and link first.
 * The resulting principal's name is our user id, like a password sign-in's.
 */
@Component
public class SocialSignIn implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

    static final String USER_ID = "xaos_user_id";

    private final DefaultOAuth2UserService provider = new DefaultOAuth2UserService();
    private final OidcUserService oidcProvider = new OidcUserService();
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    SocialSignIn(JdbcClient jdbc, AuditLog audit, Clock clock, RestTemplate providerRestTemplate) {
        provider.setRestOperations(providerRestTemplate);
        oidcProvider.setOauth2UserService(provider);
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public OAuth2User loadUser(OAuth2UserRequest request) {
        OAuth2User external = provider.loadUser(request);
        String providerId = request.getClientRegistration().getRegistrationId();
        UUID user = ourUser(providerId, external.getName(), external);
        return new DefaultOAuth2User(rolesOf(user), Map.of(USER_ID, user.toString(), "provider", providerId), USER_ID);
    }

    /** The OpenID Connect variant (Google): the ID token is verified by Spring; the same linking rules apply. */
    @Transactional
    public OidcUser loadOidcUser(OidcUserRequest request) {
        OidcUser external = oidcProvider.loadUser(request);
        String providerId = request.getClientRegistration().getRegistrationId();
        UUID user = ourUser(providerId, external.getSubject(), external);
        OidcUserInfo info = new OidcUserInfo(Map.of(USER_ID, user.toString(), "sub", external.getSubject()));
        return new DefaultOidcUser(rolesOf(user), external.getIdToken(), info, USER_ID);
    }

    private UUID ourUser(String providerId, String subject, OAuth2User external) {
        UUID user = linkedUser(providerId, subject).orElseGet(() -> linkOrCreate(providerId, subject, external));
        String status = jdbc.sql("select status from users where id = ?").param(user).query(String.class).single();
        if (!"ACTIVE".equals(status)) {
            throw refused("account_disabled", "This account cannot sign in.");
        }
        return user;
    }

    private List<SimpleGrantedAuthority> rolesOf(UUID user) {
        return jdbc.sql("select role from user_roles where user_id = ?").param(user)
                .query(String.class).list().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
    }

    private Optional<UUID> linkedUser(String provider, String subject) {
        return jdbc.sql("select user_id from user_identities where provider = ? and subject = ?")
                .params(provider, subject).query(UUID.class).optional();
    }

    private UUID linkOrCreate(String provider, String subject, OAuth2User external) {
        Optional<UUID> signedIn = currentUser();
        UUID user;
        if (signedIn.isPresent()) {
            user = signedIn.get();
        } else {
            String email = external.getAttribute("email");
            if (email != null && jdbc.sql("select exists (select 1 from users where lower(email) = lower(?))")
                    .param(email).query(Boolean.class).single()) {
                throw refused("account_exists", "An account already uses this email: sign in to it first, then link "
                        + provider + " from your account.");
            }
            user = UUID.randomUUID();
            String name = Optional.ofNullable((String) external.getAttribute("name"))
                    .or(() -> Optional.ofNullable(external.getAttribute("login"))).orElse(provider + " user");
            boolean verified = Boolean.TRUE.equals(external.getAttribute("email_verified"));
            jdbc.sql("insert into users (id, email, email_verified, display_name, created_at, updated_at) values (?, ?, ?, ?, ?, ?)")
                    .params(user, email != null ? email : provider + "-" + subject + "@users.noreply.invalid", verified,
                            name.length() > 100 ? name.substring(0, 100) : name,
                            Timestamp.from(clock.instant()), Timestamp.from(clock.instant()))
                    .update();
            jdbc.sql("insert into user_roles (user_id, role) values (?, 'USER')").param(user).update();
            audit.record(AuditLog.Type.USER_REGISTERED, user.toString(), user.toString(), "via " + provider);
        }
        jdbc.sql("insert into user_identities (provider, subject, user_id) values (?, ?, ?)")
                .params(provider, subject, user).update();
        audit.record(AuditLog.Type.IDENTITY_LINKED, user.toString(), user.toString(), provider);
        return user;
    }

    /** The user already signed in to this browser session, if any (a password or earlier social sign-in). */
    private static Optional<UUID> currentUser() {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current == null || !current.isAuthenticated()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(current.getName()));
        } catch (IllegalArgumentException anonymous) {
            return Optional.empty();
        }
    }

    private static OAuth2AuthenticationException refused(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
    }
}
