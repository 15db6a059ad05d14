package io.xaostech.platform.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.ClaimNames;
import io.xaostech.common.security.Role;
import io.xaostech.common.security.Scopes;
import io.xaostech.platform.web.ProblemException;
import io.xaostech.platform.web.ProblemResponses;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * How every service (account included) accepts account's tokens: RS256 only, our issuer, the audience of the
 * part being called, expiry with 60 s of skew, roles and scopes as authorities, and 401/403 as problems.
 */
public final class BearerTokens {

    /** Clock skew allowed on {@code exp} and {@code nbf}. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private static final JwtGrantedAuthoritiesConverter SCOPES = new JwtGrantedAuthoritiesConverter();

    private BearerTokens() {
    }

    /** A decoder for tokens of one audience, verified with the given keys; verified tokens are remembered. */
    public static JwtDecoder decoder(JWKSource<SecurityContext> keys, String issuer, String audience) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(CLOCK_SKEW),
                new JwtIssuerValidator(issuer),
                new JwtClaimValidator<List<String>>(ClaimNames.AUDIENCE, aud -> aud != null && aud.contains(audience))));
        return new VerifiedTokens(decoder, Clock.systemUTC());
    }

    /** Scopes as {@code SCOPE_x} and the {@code roles} claim as {@code ROLE_X} authorities; the name is {@code sub}. */
    public static JwtAuthenticationToken authorities(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>(SCOPES.convert(jwt));
        List<String> roles = jwt.getClaimAsStringList(ClaimNames.ROLES);
        if (roles != null) {
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    /** Whether the token carries the role (its {@code roles} claim). */
    public static boolean hasRole(Jwt jwt, Role role) {
        List<String> roles = jwt.getClaimAsStringList(ClaimNames.ROLES);
        return roles != null && roles.contains(role.name());
    }

    /** The user a token speaks for; a token whose subject is not a user id (a service's) is refused with 403. */
    public static UUID userId(Jwt jwt) {
        try {
            return UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This call needs a user's token.");
        }
    }

    /** {@code /internal/**}: service tokens only (audience {@code internal}, scope {@code internal}). */
    public static SecurityFilterChain internalChain(HttpSecurity http, JwtDecoder internalDecoder) throws Exception {
        return bearerOnly(http.securityMatcher("/internal/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority("SCOPE_" + Scopes.INTERNAL)),
                internalDecoder);
    }

    /** A public API under {@code pathPattern}: user tokens (audience {@code api}), the service's rules first. */
    public static SecurityFilterChain apiChain(HttpSecurity http, String pathPattern, JwtDecoder apiDecoder,
                                               ApiAuthorization rules) throws Exception {
        return bearerOnly(http.securityMatcher(pathPattern).authorizeHttpRequests(requests -> {
            rules.rules(requests);
            requests.anyRequest().authenticated();
        }), apiDecoder);
    }

    private static SecurityFilterChain bearerOnly(HttpSecurity http, JwtDecoder decoder) throws Exception {
        http.oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(BearerTokens::authorities))
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
}
