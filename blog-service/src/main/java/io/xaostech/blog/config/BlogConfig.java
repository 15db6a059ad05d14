package io.xaostech.blog.config;

import io.xaostech.common.security.Role;
import io.xaostech.platform.security.ApiAuthorization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Who may call what, and the scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class BlogConfig {

    /** Editors' API needs ADMIN; reading (posts, feeds, search, comments, media) is open; anything else needs a user. */
    @Bean
    ApiAuthorization blogApiRules() {
        return requests -> requests
                .requestMatchers("/api/v1/blog/admin/**").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.GET, "/api/v1/blog/**").permitAll()
                .requestMatchers(HttpMethod.HEAD, "/api/v1/blog/**").permitAll();
    }
}
