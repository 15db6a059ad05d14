package io.xaostech.webfront.signin;

import io.xaostech.platform.security.KnownRegistrationsOnly;
import io.xaostech.webfront.config.WebfrontProperties;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.SecurityFilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Pages are public except {@code /me/**}, which signs the visitor in through account: the browser goes to
 * account's sign-in page (through the gateway), comes back to {@code /me/oauth2/code/account}, and the site
 * exchanges the code for tokens server-side. Signing out ({@code POST /me/sign-out}, CSRF-protected) ends the
 * site's session and account's (OIDC RP-initiated logout). Every form carries a CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class SignInConfig {

    static final String REGISTRATION = "account";
    static final String AUTHORIZATION_BASE = "/me/oauth2/authorization";

    /** Account's endpoints as configured, not discovered: the site starts whether or not account is up yet. */
    @Bean
    ClientRegistrationRepository clientRegistrations(WebfrontProperties properties) {
        WebfrontProperties.Account account = properties.account();
        String issuer = account.issuer().toString().replaceAll("/+$", "");
        String direct = account.url().toString().replaceAll("/+$", "");
        return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId(REGISTRATION)
                .clientName("XAOSTECH account")
                .clientId(account.clientId())
                .clientSecret(account.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/me/oauth2/code/{registrationId}")
                .scope("openid", "profile", "email", "offline_access")
                .issuerUri(issuer)
                .authorizationUri(issuer + "/oauth2/authorize")
                .tokenUri(direct + "/oauth2/token")
                .jwkSetUri(direct + "/oauth2/jwks")
                .userNameAttributeName("sub")
                .providerConfigurationMetadata(Map.of("end_session_endpoint", issuer + "/connect/logout"))
                .build());
    }

    /** The signed-in visitor's tokens live in their session (in Redis), never in this JVM's memory alone. */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClients() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /** Gives the visitor's access token for calls made on their behalf, refreshed with the refresh token when old. */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository clients,
                                                          OAuth2AuthorizedClientRepository authorized) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(clients, authorized);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        // Nothing from the request (such as a "scope" parameter) shapes a refresh.
        manager.setContextAttributesMapper(authorizeRequest -> Map.of());
        return manager;
    }

    /**
     * Where the forms' token is kept: in the session when the visitor has one (signed in, or signing in), so no
     * cookie planted by a neighbouring host can stand for it where it matters; otherwise in the {@code XSRF-TOKEN}
     * cookie (HttpOnly, SameSite=Lax, Secure over HTTPS), so an anonymous visitor's pages with forms (the consent
     * banner) create no session in Redis.
     */
    private static CsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository anonymous = new CookieCsrfTokenRepository();
        anonymous.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        HttpSessionCsrfTokenRepository session = new HttpSessionCsrfTokenRepository();
        return new CsrfTokenRepository() {
            @Override
            public CsrfToken generateToken(HttpServletRequest request) {
                return of(request).generateToken(request);
            }

            @Override
            public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
                of(request).saveToken(token, request, response);
            }

            @Override
            public CsrfToken loadToken(HttpServletRequest request) {
                return of(request).loadToken(request);
            }

            private CsrfTokenRepository of(HttpServletRequest request) {
                return request.getSession(false) != null ? session : anonymous;
            }
        };
    }

    @Bean
    SecurityFilterChain site(HttpSecurity http, ClientRegistrationRepository clients) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver withPkce =
                new DefaultOAuth2AuthorizationRequestResolver(clients, AUTHORIZATION_BASE);
        withPkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        OidcClientInitiatedLogoutSuccessHandler signedOut = new OidcClientInitiatedLogoutSuccessHandler(clients);
        signedOut.setPostLogoutRedirectUri("{baseUrl}/");
        return http
                .authorizeHttpRequests(requests -> requests
                        // The chat page's live connection answers 401 itself (a redirect means nothing to a WebSocket).
                        .requestMatchers("/chat/live").permitAll()
                        .requestMatchers("/me", "/me/**", "/chat", "/chat/**", "/privacy/requests/**", "/blog/*/sign-in",
                                "/pricing/sign-in")
                        .authenticated()
                        .requestMatchers(HttpMethod.POST, "/blog/*/comments", "/pricing/checkout", "/pricing/support",
                                "/privacy/requests")
                        .authenticated()
                        .anyRequest().permitAll())
                .oauth2Login(login -> login
                        .loginPage(AUTHORIZATION_BASE + "/" + REGISTRATION)
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(
                                KnownRegistrationsOnly.wrap(withPkce, clients, AUTHORIZATION_BASE)))
                        .redirectionEndpoint(endpoint -> endpoint.baseUri("/me/oauth2/code/*"))
                        .defaultSuccessUrl("/me", false)
                        // A failed sign-in shows a page; going back to the sign-in start would loop.
                        .failureHandler((request, response, failure) -> {
                            response.setStatus(HttpStatus.UNAUTHORIZED.value());
                            request.getRequestDispatcher("/sign-in-failed").forward(request, response);
                        }))
                .logout(logout -> logout.logoutUrl("/me/sign-out").logoutSuccessHandler(signedOut))
                // Probes and metrics change nothing and take no form; the language switch is checked by its
                // Sec-Fetch-Site instead (LanguagePages), so pages carry no token.
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens()).ignoringRequestMatchers("/actuator/**", "/language"))
                // Caching is decided per page (PageCaching) and HSTS by the site wiring (xaos.platform.site.hsts).
                .headers(headers -> headers.cacheControl(cache -> cache.disable())
                        .httpStrictTransportSecurity(hsts -> hsts.disable()))
                .build();
    }
}
