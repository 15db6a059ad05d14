package io.xaostech.platform.redis;

import io.xaostech.platform.config.PlatformAutoConfiguration;
import io.xaostech.platform.config.PlatformProperties;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The service's {@link Keyspace} and shared counters, for services that use Redis. */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnProperty("xaos.platform.redis.key-prefix")
public class KeyspaceAutoConfiguration {

    @Bean
    Keyspace keyspace(PlatformProperties properties) {
        return new Keyspace(properties.redis().keyPrefix());
    }

    @Bean
    FixedWindowLimit fixedWindowLimit(StringRedisTemplate redis, Keyspace keyspace, ObjectProvider<Clock> clock) {
        return new FixedWindowLimit(redis, keyspace, clock.getIfAvailable(Clock::systemUTC));
    }
}
