package io.xaostech.account.mail;

import io.xaostech.platform.redis.Keyspace;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The mailer: the development mailbox by default ({@code xaos.account.mail.mode=dev}), SMTP in production
 * ({@code smtp}, with {@code spring.mail.host} and friends, and {@code xaos.account.mail.from}).
 */
@Configuration(proxyBeanMethods = false)
class MailConfig {

    static final String MODE = "xaos.account.mail.mode";

    @Bean
    @ConditionalOnProperty(name = MODE, havingValue = "dev", matchIfMissing = true)
    DevMailbox devMailbox(StringRedisTemplate redis, Keyspace keyspace) {
        return new DevMailbox(redis, keyspace);
    }

    @Bean
    @ConditionalOnProperty(name = MODE, havingValue = "smtp")
    SmtpMailer smtpMailer(JavaMailSender sender,
                          @Value("${xaos.account.mail.from:XAOSTECH <no-reply@xaostech.io>}") String from) {
        return new SmtpMailer(sender, from);
    }
}
