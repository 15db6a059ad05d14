package io.xaostech.lingua.config;

import io.xaostech.common.security.Role;
import io.xaostech.platform.security.ApiAuthorization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The translation API is open at the security chain (callers are checked by the API itself: API keys may come in
 * the body, where no filter looks); catalogues are public to read; the memory, glossary and catalogue
 * administration needs ADMIN.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class LinguaConfig {

    @Bean
    ApiAuthorization linguaApiRules() {
        return requests -> requests
                .requestMatchers("/api/v1/lingua/admin/**").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.POST, "/api/v1/lingua/translate", "/api/v1/lingua/detect").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/v1/lingua/languages", "/api/v1/lingua/frontend/settings",
                        "/api/v1/lingua/engines", "/api/v1/lingua/catalogues/**").permitAll();
    }
}
