package io.xaostech.account.mail;

import io.xaostech.platform.redis.Keyspace;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The development mailbox, the default mailer ({@code xaos.account.mail.mode=dev}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = MailConfig.MODE, havingValue = "dev", matchIfMissing = true)
class MailConfig {

    static final String MODE = "xaos.account.mail.mode";

    @Bean
    DevMailbox devMailbox(StringRedisTemplate redis, Keyspace keyspace) {
        return new DevMailbox(redis, keyspace);
    }
}
