package io.xaostech.gateway.config;

import io.netty.channel.ChannelOption;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/** The gateway's shared beans: the client for account, and scheduling (key-set refresh, log flushing). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class GatewayConfig {

    /** For the gateway's own calls to account (key set, service token, API keys); each call sets its timeout. */
    @Bean
    WebClient accountClient() {
        return WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)))
                .build();
    }
}
