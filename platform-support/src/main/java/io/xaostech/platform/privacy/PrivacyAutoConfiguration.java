package io.xaostech.platform.privacy;

import io.xaostech.platform.events.UserDeletedErasure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;

/** For a service with a {@link PersonalDataHooks} bean: the internal endpoints and erasure on {@code UserDeleted}. */
@AutoConfiguration(before = io.xaostech.platform.events.EventConsumerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(PersonalDataHooks.class)
@Import(PrivacyHooksController.class)
public class PrivacyAutoConfiguration {

    @Bean
    @ConditionalOnClass(StringRedisTemplate.class)
    UserDeletedErasure userDeletedErasure(PersonalDataHooks hooks) {
        return new UserDeletedErasure(hooks::erase);
    }
}
