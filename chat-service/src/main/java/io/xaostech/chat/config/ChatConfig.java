package io.xaostech.chat.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Scheduling (the feeds' sweep and gap repair); every chat API call needs a signed-in user (the shared chain's default). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ChatConfig {
}
