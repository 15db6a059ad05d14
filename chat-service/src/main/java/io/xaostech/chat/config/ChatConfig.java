package io.xaostech.chat.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The clock and scheduling (the feeds' sweep); every chat API call needs a signed-in user (the shared chain's default). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ChatConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
