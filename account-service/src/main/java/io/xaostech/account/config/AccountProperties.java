package io.xaostech.account.config;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * account-service settings ({@code xaos.account.*}).
 *
 * @param issuer              the OAuth/OIDC issuer URL clients see (through the gateway)
 * @param accessTokenLifetime lifetime of signed access tokens
 */
@Validated
@ConfigurationProperties("xaos.account")
public record AccountProperties(@NotNull @DefaultValue("http://localhost:8080/auth") URI issuer,
                                @NotNull @DefaultValue("10m") Duration accessTokenLifetime) {
}
