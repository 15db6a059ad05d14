package io.xaostech.account.oauth;

import io.xaostech.common.security.Role;
import io.xaostech.platform.security.ApiAuthorization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * account's own APIs as a resource server (the shared chains of platform-support, verifying tokens with
 * account's own keys): {@code /internal/**} takes only service tokens, {@code /api/v1/account/**} only user
 * tokens but for sign-up, email verification and password reset; the admin API needs role {@code ADMIN}.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig {

    @Bean
    ApiAuthorization accountApiRules() {
        return requests -> requests
                .requestMatchers(HttpMethod.POST, "/api/v1/account/registrations",
                        "/api/v1/account/email-verifications", "/api/v1/account/password-resets",
                        "/api/v1/account/password-resets/confirm").permitAll()
                .requestMatchers("/api/v1/account/admin/**").hasRole(Role.ADMIN.name());
    }
}
