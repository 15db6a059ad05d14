package io.xaostech.platform.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.xaostech.platform.dependency.DependencyFailures;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Binds and validates {@code xaos.platform.*} in every service, and gives each the clock its code reads and the
 * one way to report a failed dependency.
 */
@AutoConfiguration
@EnableConfigurationProperties(PlatformProperties.class)
public class PlatformAutoConfiguration {

    /** UTC wall time; a test may supply its own. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    DependencyFailures dependencyFailures(ObjectProvider<MeterRegistry> meters) {
        return new DependencyFailures(meters.getIfAvailable(() -> Metrics.globalRegistry));
    }
}
