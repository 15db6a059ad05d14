package io.xaostech.chat.privacy;

import io.xaostech.platform.events.UserDeletedErasure;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A deleted account is erased here too. */
@Configuration(proxyBeanMethods = false)
class PrivacyConfig {

    @Bean
    UserDeletedErasure userDeletedErasure(PersonalData data) {
        return new UserDeletedErasure(data::erase);
    }
}
