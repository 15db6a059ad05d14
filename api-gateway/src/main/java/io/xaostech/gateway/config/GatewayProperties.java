package io.xaostech.gateway.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * api-gateway settings ({@code xaos.gateway.*}).
 *
 * @param blockedPathPrefixes paths never routed, whatever the routes say (every service's {@code /internal/**})
 * @param trustedProxyHops    how many {@code X-Forwarded-For} hops in front of the gateway are our own proxies
 */
@Validated
@ConfigurationProperties("xaos.gateway")
public record GatewayProperties(
        @NotEmpty @DefaultValue("/internal") List<@Pattern(regexp = "/[a-z0-9/_-]+") String> blockedPathPrefixes,
        @Min(0) @Max(10) @DefaultValue("0") int trustedProxyHops) {
}
