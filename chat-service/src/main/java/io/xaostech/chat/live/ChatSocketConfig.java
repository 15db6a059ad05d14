package io.xaostech.chat.live;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.xaostech.chat.config.ChatProperties;
import io.xaostech.common.security.Audiences;
import io.xaostech.platform.security.BearerTokens;
import io.xaostech.platform.security.ResourceServerProperties;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/** {@code /ws/chat}: token checked and Origin allow-listed at the handshake, frames bounded in size. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatSocketConfig implements WebSocketConfigurer {

    /** Largest frame accepted, in characters; a bigger one closes the connection with 1009 (message too big). */
    static final int MAX_FRAME_BYTES = 64 * 1024;

    private final ChatSocketHandler handler;
    private final TokenHandshake handshake;
    private final ChatProperties properties;

    ChatSocketConfig(ChatSocketHandler handler, ChatProperties properties, JWKSource<SecurityContext> keys,
                     ResourceServerProperties security) {
        this.handler = handler;
        this.handshake = new TokenHandshake(BearerTokens.decoder(keys, security.issuer().toString(), Audiences.API));
        this.properties = properties;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/ws/chat")
                .addInterceptors(handshake)
                .setHandshakeHandler(new BearerProtocolHandshake())
                .setAllowedOrigins(properties.allowedOrigins().toArray(String[]::new));
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        container.setMaxSessionIdleTimeout(5 * 60_000L);
        return container;
    }

    /** Answers with {@code xaos-chat.v1} (or the {@code bearer.} entry from older clients), see {@link TokenHandshake}. */
    private static final class BearerProtocolHandshake extends DefaultHandshakeHandler {
        @Override
        protected String selectProtocol(List<String> requested, WebSocketHandler webSocketHandler) {
            return TokenHandshake.selectProtocol(requested).orElseGet(() -> super.selectProtocol(requested, webSocketHandler));
        }
    }
}
