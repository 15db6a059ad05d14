package io.xaostech.webfront.chat;

import io.xaostech.platform.site.SiteProperties;
import io.xaostech.webfront.signin.AccessTokens;
import java.net.URI;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;

/** {@code /chat/live}: the page's live connection, from the site's own pages only, relayed to chat-service. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatRelayConfig implements WebSocketConfigurer {

    private final ChatRelay relay;
    private final RelayHandshake handshake;
    private final SiteProperties site;

    ChatRelayConfig(@Value("${xaos.services.chat.url}") URI chat, AccessTokens tokens, SiteProperties site) {
        this.relay = new ChatRelay(URI.create(chat.toString().replaceFirst("^http", "ws").replaceAll("/+$", "")
                + "/ws/chat"));
        this.handshake = new RelayHandshake(tokens);
        this.site = site;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Other sites' pages may not open it (the session cookie is SameSite=Lax too), checked before any token is
        // looked at.
        String origin = site.publicUrl().toString().replaceAll("/+$", "");
        registry.addHandler(relay, "/chat/live")
                .addInterceptors(new OriginHandshakeInterceptor(List.of(origin)), handshake)
                // Spring adds its own origin check after these: it must let the same origin through.
                .setAllowedOrigins(origin);
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(ChatRelay.MAX_FRAME_CHARS);
        container.setMaxBinaryMessageBufferSize(1024);
        container.setMaxSessionIdleTimeout(5 * 60_000L);
        return container;
    }
}
