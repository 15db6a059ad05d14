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

/** {@code /ws/chat}: token checked and Origin allow-listed at the handshake, small buffers per connection. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatSocketConfig implements WebSocketConfigurer {

    /**
     * The container's text buffer per connection, in characters: frames longer than this arrive in parts (which
     * the handler joins up to its own limit). Allocated for every connection, so it is what an idle one costs.
     */
    static final int CONTAINER_BUFFER_CHARS = 4 * 1024;
    /** The protocol has no binary frames: the container's binary buffer only needs to refuse them. */
    static final int BINARY_BUFFER_BYTES = 1024;

    private final ChatSocketHandler handler;
    private final TokenHandshake handshake;
    private final ChatProperties properties;

    ChatSocketConfig(ChatSocketHandler handler, ChatProperties properties, JWKSource<SecurityContext> keys,
                     ResourceServerProperties security, EndedSessions ended) {
        this.handler = handler;
        this.handshake = new TokenHandshake(BearerTokens.decoder(keys, security.issuer().toString(), Audiences.API), ended);
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
        container.setMaxTextMessageBufferSize(CONTAINER_BUFFER_CHARS);
        container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
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
