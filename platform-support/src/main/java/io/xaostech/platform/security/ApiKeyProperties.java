package io.xaostech.platform.security;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service resolves API keys presented to it ({@code xaos.security.api-keys.*}).
 *
 * @param resolveUri account's internal resolution endpoint (reached directly, with this service's token)
 * @param cacheTtl   how long an answer (a key's owner, or "no such key") is reused; a revoked key stops
 *                   working within this time
 * @param timeout    connect and read timeout of one resolution
 */
@Validated
@ConfigurationProperties("xaos.security.api-keys")
public record ApiKeyProperties(@NotNull URI resolveUri,
                               @NotNull @DefaultValue("30s") Duration cacheTtl,
                               @NotNull @DefaultValue("2s") Duration timeout) {
}
