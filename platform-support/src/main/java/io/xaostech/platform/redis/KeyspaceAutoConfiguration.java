package io.xaostech.platform.redis;

import io.xaostech.platform.config.PlatformAutoConfiguration;
import io.xaostech.platform.config.PlatformProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/** The service's {@link Keyspace}, for services that use Redis. */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnProperty("xaos.platform.redis.key-prefix")
public class KeyspaceAutoConfiguration {

    @Bean
    Keyspace keyspace(PlatformProperties properties) {
        return new Keyspace(properties.redis().keyPrefix());
    }
}
