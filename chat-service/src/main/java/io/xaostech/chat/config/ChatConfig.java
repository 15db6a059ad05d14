package io.xaostech.chat.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock; every chat API call needs a signed-in user (the shared security chain's default). */
@Configuration(proxyBeanMethods = false)
class ChatConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
