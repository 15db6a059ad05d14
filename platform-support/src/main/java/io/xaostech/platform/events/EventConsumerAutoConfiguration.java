package io.xaostech.platform.events;

import io.xaostech.platform.config.PlatformAutoConfiguration;
import io.xaostech.platform.config.PlatformProperties;
import io.xaostech.platform.dependency.DependencyFailures;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Consumes the platform's events for a service that declares at least one {@link EventHandler}. */
@AutoConfiguration(after = PlatformAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(StringRedisTemplate.class)
@ConditionalOnBean(EventHandler.class)
public class EventConsumerAutoConfiguration {

    @Bean
    EventConsumer eventConsumer(StringRedisTemplate redis, JsonMapper json, List<EventHandler<?>> handlers,
                                PlatformProperties platform,
                                @Value("${xaos.platform.events.poll-interval:1s}") Duration pollInterval,
                                @Value("${xaos.platform.events.retry-after:30s}") Duration retryAfter,
                                @Value("${xaos.platform.events.max-deliveries:10}") int maxDeliveries,
                                DependencyFailures failures) {
        return new EventConsumer(redis, json, handlers, platform.service().id(), pollInterval, retryAfter, maxDeliveries,
                failures);
    }
}
