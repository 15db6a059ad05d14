package io.xaostech.account.oauth;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.xaostech.account.config.AccountProperties;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Audiences;
import io.xaostech.common.security.ClaimNames;
import io.xaostech.common.security.Scopes;
import io.xaostech.platform.web.ProblemResponses;
import io.xaostech.common.security.Role;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * account's own APIs as a resource server, verifying tokens with its own keys: {@code /internal/**} takes only
 * service tokens (audience {@code internal}, scope {@code internal}), {@code /api/v1/account/**} only user
 * tokens (audience {@code api}) but for sign-up and email verification. Both are bearer-only (no cookies, so no CSRF) and answer 401/403 as problems.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig {

    @Bean
    @Order(2)
    SecurityFilterChain internalApiChain(HttpSecurity http, JWKSource<SecurityContext> keys,
                                         AccountProperties properties) throws Exception {
        return bearerOnly(http.securityMatcher("/internal/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority("SCOPE_" + Scopes.INTERNAL)),
                decoder(keys, properties, Audiences.INTERNAL));
    }

    @Bean
    @Order(3)
    SecurityFilterChain accountApiChain(HttpSecurity http, JWKSource<SecurityContext> keys,
                                        AccountProperties properties) throws Exception {
        return bearerOnly(http.securityMatcher("/api/v1/account/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/v1/account/registrations",
                                "/api/v1/account/email-verifications", "/api/v1/account/password-resets",
                                "/api/v1/account/password-resets/confirm").permitAll()
                        .requestMatchers("/api/v1/account/admin/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated()),
                decoder(keys, properties, Audiences.API));
    }

    private static SecurityFilterChain bearerOnly(HttpSecurity http, JwtDecoder decoder) throws Exception {
        http.oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(ApiSecurityConfig::authorities))
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            ProblemResponses.write(request, response, ProblemType.UNAUTHORIZED, 401,
                                    "A valid bearer token for this API is required.");
                        })
                        .accessDeniedHandler((request, response, e) -> ProblemResponses.write(request, response,
                                ProblemType.FORBIDDEN, 403, "This token may not be used here.")))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /** Scopes as {@code SCOPE_x} and the {@code roles} claim as {@code ROLE_X} authorities. */
    static JwtAuthenticationToken authorities(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>(SCOPES.convert(jwt));
        List<String> roles = jwt.getClaimAsStringList(ClaimNames.ROLES);
        if (roles != null) {
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    private static final JwtGrantedAuthoritiesConverter SCOPES = new JwtGrantedAuthoritiesConverter();

    /** RS256 only, our issuer, the given audience, and the standard expiry checks (60 s skew). */
    static JwtDecoder decoder(JWKSource<SecurityContext> keys, AccountProperties properties, String audience) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer().toString()),
                new JwtClaimValidator<List<String>>(ClaimNames.AUDIENCE, aud -> aud != null && aud.contains(audience))));
        return decoder;
    }
}
