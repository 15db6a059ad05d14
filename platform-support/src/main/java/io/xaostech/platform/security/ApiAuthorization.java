package io.xaostech.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's rules for its public API ({@code /api/**}): which paths are open to anonymous callers and which
 * need a role or scope. The shared chain ends the rules with "any other request must be authenticated", so a
 * service names only its exceptions and never calls {@code anyRequest()} itself.
 */
@FunctionalInterface
public interface ApiAuthorization {

    void rules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);
}
