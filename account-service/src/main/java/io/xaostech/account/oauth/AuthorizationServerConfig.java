package io.xaostech.account.oauth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.xaostech.account.audit.AuditLog;
import io.xaostech.account.config.AccountProperties;
import io.xaostech.account.keys.SigningKeys;
import io.xaostech.account.session.SessionEndingLogoutHandler;
import io.xaostech.account.session.SessionRecordingSuccessHandler;
import io.xaostech.account.session.Sessions;
import io.xaostech.account.signin.SecondFactorStep;
import io.xaostech.account.signin.SignInSecurity;
import io.xaostech.account.social.SocialSignIn;
import io.xaostech.platform.security.KnownRegistrationsOnly;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The OAuth 2.1 / OpenID Connect provider: Spring Security's authorization server with its stores in the
 * {@code account} schema, a fixed issuer from configuration, and keys from {@link SigningKeys}.
 *
 * <p>Behind the gateway the issuer is {@code http://localhost:8080/auth}: the gateway strips {@code /auth} and
 * sends {@code X-Forwarded-Prefix}, so the endpoints here keep their standard paths ({@code /oauth2/token},
 * {@code /.well-known/openid-configuration}, …) and every URL they build carries the prefix.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AuthorizationServerConfig {

    /**
     * The pages' content security policy (checklist line 14): their own style sheet and nothing else; no
     * scripts, plugins or framing. {@code form-action} is left out on purpose: after signing in, the browser
     * follows redirects to each client's registered redirect URI, which that directive would block.
     */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, SessionEndingLogoutHandler signOut) throws Exception {
        OidcLogoutAuthenticationSuccessHandler afterLogout = new OidcLogoutAuthenticationSuccessHandler();
        afterLogout.setLogoutHandler(signOut);
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        RequestMatcher endpoints = authorizationServer.getEndpointsMatcher();
        http.securityMatcher(endpoints)
                .with(authorizationServer, as -> as
                        .oidc(oidc -> oidc.logoutEndpoint(logout -> logout.logoutResponseHandler(afterLogout)))
                        .authorizationEndpoint(authorize -> authorize.consentPage("/oauth2/consent")))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(endpoints))
                .exceptionHandling(errors -> errors
                        // A browser on the authorization endpoint signs in first; any other unauthenticated call
                        // (a client without credentials at the token endpoint, say) gets an OAuth error, never a
                        // redirect to a login page.
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                new AndRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/oauth2/authorize"),
                                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                        .defaultAuthenticationEntryPointFor(AuthorizationServerConfig::invalidClient,
                                AnyRequestMatcher.INSTANCE));
        return http.build();
    }

    /**
     * Everything that is not a protocol endpoint: the sign-in form; API endpoints add their own rules as they
     * arrive. Actuator endpoints are read-only, so CSRF does not apply to them.
     */
    @Bean
    @Order(10)
    SecurityFilterChain applicationChain(HttpSecurity http, SignInSecurity signIn,
                                         SessionRecordingSuccessHandler signedIn, SocialSignIn socialSignIn,
                                         SessionEndingLogoutHandler signOut, SecondFactorStep secondFactor,
                                         ClientRegistrationRepository registrations)
            throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/oauth2/consent").authenticated()
                        .anyRequest().permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/actuator/**"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY)))
                .formLogin(form -> form.loginPage("/login").successHandler(secondFactor).permitAll())
                .oauth2Login(social -> social.loginPage("/login").successHandler(signedIn)
                        .authorizationEndpoint(start -> start.authorizationRequestResolver(
                                KnownRegistrationsOnly.of(registrations, "/oauth2/authorization")))
                        .userInfoEndpoint(users -> users.userService(socialSignIn).oidcUserService(socialSignIn::loadOidcUser)))
                .logout(logout -> logout.addLogoutHandler(signOut).logoutSuccessUrl("/login?logout"))
                .addFilterBefore(signIn.throttleFilter(), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    private static void invalidClient(HttpServletRequest request, HttpServletResponse response,
                                      AuthenticationException e) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"xaostech\"");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AccountProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer().toString()).build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients,
                                                    JdbcClient jdbcClient, AccountProperties properties, AuditLog audit,
                                                    Sessions sessions, Clock clock) {
        return new SessionBoundAuthorizations(new RefreshTokenReuseDetection(
                new JdbcOAuth2AuthorizationService(jdbc, clients), jdbcClient, properties, audit, clock), sessions);
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    /** What the JWKS endpoint publishes and tokens are verified with: every published public key. */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return (selector, context) -> selector.select(new JWKSet(new ArrayList<>(keys.published())));
    }

    /** Signs with the current key only, so a pre-published next key is never picked by mistake. */
    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(List.of(keys.current()))));
    }

    /** Access and ID tokens as JWTs with the platform's claims; refresh tokens with an absolute lifetime. */
    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(JwtEncoder encoder, TokenClaims claims) {
        JwtGenerator jwts = new JwtGenerator(encoder);
        jwts.setJwtCustomizer(claims);
        return new DelegatingOAuth2TokenGenerator(jwts, new OAuth2AccessTokenGenerator(), new AbsoluteRefreshTokens());
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    /**
     * Argon2id at OWASP's minimum (19 MiB, 2 iterations, 1 lane) for new passwords, at most one hash per core at
     * a time (memory stays bounded under a burst of sign-ins); hashes stored
     * under another id stay readable through the delegating encoder, which also tells when to rehash.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        Map<String, PasswordEncoder> encoders = Map.of(
                "argon2id", new BoundedPasswordEncoder(new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2),
                        Math.max(2, Runtime.getRuntime().availableProcessors())),
                "bcrypt", new BCryptPasswordEncoder(),
                ClientSecretEncoder.ID, new ClientSecretEncoder());
        PasswordEncoder delegating = new DelegatingPasswordEncoder("argon2id", encoders);
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return delegating.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return delegating.matches(raw, encoded);
            }

            // Client secrets stay SHA-256: otherwise the authorization server "upgrades" them to Argon2id at
            // their first use, and every client_credentials grant pays for a password hash.
            @Override
            public boolean upgradeEncoding(String encoded) {
                return !encoded.startsWith("{" + ClientSecretEncoder.ID + "}") && delegating.upgradeEncoding(encoded);
            }
        };
    }
}
