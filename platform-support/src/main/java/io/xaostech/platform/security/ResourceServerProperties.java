package io.xaostech.platform.security;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service checks account's tokens ({@code xaos.security.*}).
 *
 * @param issuer          the {@code iss} every token must carry: account's issuer as clients see it
 * @param jwkSetUri       where account publishes its signing keys (reached directly, not through the gateway)
 * @param keySetCacheTtl  how long fetched keys are used before they are fetched again
 * @param keySetRefreshInterval least time between two fetches caused by tokens signed with an unknown key
 * @param keySetTimeout   connect and read timeout of one key-set fetch
 */
@Validated
@ConfigurationProperties("xaos.security")
public record ResourceServerProperties(@NotNull URI issuer,
                                       @NotNull URI jwkSetUri,
                                       @NotNull @DefaultValue("5m") Duration keySetCacheTtl,
                                       @NotNull @DefaultValue("10s") Duration keySetRefreshInterval,
                                       @NotNull @DefaultValue("2s") Duration keySetTimeout) {
}
