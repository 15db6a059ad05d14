package io.xaostech.chat.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * chat-service settings ({@code xaos.chat.*}).
 *
 * @param maxMessageLength  longest message body accepted, in characters
 * @param messagesPerWindow messages one user may send per {@code rateWindow}, across all rooms
 * @param rateWindow        the window of that limit
 * @param allowedOrigins    browser origins whose pages may open the WebSocket (others are refused at the handshake)
 * @param editWindow        how long after sending a message its sender may edit it
 * @param gapWait           how long a live event that came before the one it follows waits for it, before the
 *                          missing one is fetched from storage
 * @param presence          whether typing notices and presence are kept at all (off: typing frames are ignored
 *                          and nobody is shown online)
 */
@Validated
@ConfigurationProperties("xaos.chat")
public record ChatProperties(@Min(1) @Max(20000) @DefaultValue("4000") int maxMessageLength,
                             @Min(1) @DefaultValue("30") int messagesPerWindow,
                             @NotNull @DefaultValue("10s") Duration rateWindow,
                             @NotNull @DefaultValue({"http://localhost:8080", "http://localhost:8088"}) List<String> allowedOrigins,
                             @NotNull @DefaultValue("24h") Duration editWindow,
                             @NotNull @DefaultValue("200ms") Duration gapWait,
                             @DefaultValue("true") boolean presence) {
}
