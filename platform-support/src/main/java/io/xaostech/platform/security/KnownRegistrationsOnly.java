package io.xaostech.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.web.util.UrlPathHelper;

/**
 * Starts sign-in through another provider only for registrations that exist: {@code <base>/nonsense} is no sign-in
 * request at all (and ends as the site's 404 or sign-in redirect), where Spring Security's own resolver throws and
 * its filter answers a bare 500.
 */
public final class KnownRegistrationsOnly implements OAuth2AuthorizationRequestResolver {

    private static final UrlPathHelper PATHS = new UrlPathHelper();

    private final OAuth2AuthorizationRequestResolver delegate;
    private final ClientRegistrationRepository registrations;
    private final String base;

    private KnownRegistrationsOnly(OAuth2AuthorizationRequestResolver delegate, ClientRegistrationRepository registrations,
            String base) {
        this.delegate = delegate;
        this.registrations = registrations;
        this.base = base.endsWith("/") ? base : base + "/";
    }

    /** The default resolver for {@code base} (such as {@code /oauth2/authorization}), known registrations only. */
    public static KnownRegistrationsOnly of(ClientRegistrationRepository registrations, String base) {
        return wrap(new DefaultOAuth2AuthorizationRequestResolver(registrations, base), registrations, base);
    }

    /** {@code delegate} (customised, for example with PKCE), asked only about registrations that exist. */
    public static KnownRegistrationsOnly wrap(OAuth2AuthorizationRequestResolver delegate,
            ClientRegistrationRepository registrations, String base) {
        return new KnownRegistrationsOnly(delegate, registrations, base);
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        // Decoded and without path parameters, as the delegate's matcher sees it (/oauth2/authorizatio%6E/x too).
        String path = PATHS.getPathWithinApplication(request);
        if (path.startsWith(base) && !known(path.substring(base.length()))) {
            return null;
        }
        return delegate.resolve(request);
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
        return known(registrationId) ? delegate.resolve(request, registrationId) : null;
    }

    private boolean known(String registrationId) {
        return registrationId != null && !registrationId.isEmpty() && !registrationId.contains("/")
                && registrations.findByRegistrationId(registrationId) != null;
    }
}
