package io.xaostech.payments.config;

import io.xaostech.common.security.Role;
import io.xaostech.platform.security.ApiAuthorization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Plans are public; reconciliation reports are for administrators; everything else of the API needs a user's
 * token. The webhook lies outside {@code /api/**}: Stripe's signature, checked by its controller, authenticates it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PaymentsConfig {

    @Bean
    ApiAuthorization paymentsApiRules() {
        return requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/v1/payments/plans").permitAll()
                .requestMatchers("/api/v1/payments/admin/**").hasRole(Role.ADMIN.name());
    }
}
