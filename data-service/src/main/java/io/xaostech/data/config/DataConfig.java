package io.xaostech.data.config;

import io.xaostech.common.security.Role;
import io.xaostech.platform.security.ApiAuthorization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Administrators' API needs ADMIN; the purposes, the receipt keys and visitors' consent are open; the rest needs a
 * signed-in user.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DataConfig {

    @Bean
    ApiAuthorization dataApiRules() {
        return requests -> requests
                .requestMatchers("/api/v1/data/admin/**").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.GET, "/api/v1/data/purposes", "/api/v1/data/receipts/jwks").permitAll()
                .requestMatchers("/api/v1/data/visitor/**").permitAll();
    }
}
