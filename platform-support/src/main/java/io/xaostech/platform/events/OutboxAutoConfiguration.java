package io.xaostech.platform.events;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

/** The outbox and its relay, for services that set {@code xaos.platform.outbox.enabled=true}. */
@AutoConfiguration
@ConditionalOnClass({JdbcClient.class, StringRedisTemplate.class})
@ConditionalOnProperty("xaos.platform.outbox.enabled")
@EnableScheduling
public class OutboxAutoConfiguration {

    @Bean
    Outbox outbox(JdbcClient jdbc, JsonMapper json) {
        return new Outbox(jdbc, json);
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, StringRedisTemplate redis) {
        return new OutboxRelay(jdbc, redis);
    }
}
