package io.xaostech.platform.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service gets its own token for other services' {@code /internal/**} ({@code xaos.security.client.*}):
 * client_credentials at account's token endpoint as {@code svc-<service>}.
 *
 * @param tokenUri     account's token endpoint (reached directly, not through the gateway)
 * @param clientId     this service's client, {@code svc-<service id>}
 * @param clientSecret its secret ({@code XAOS_SERVICE_SECRET}; account knows it as {@code XAOS_ACCOUNT_SECRET_<ID>})
 * @param timeout      connect and read timeout of one token request
 */
@Validated
@ConfigurationProperties("xaos.security.client")
public record ServiceClientProperties(@NotNull URI tokenUri,
                                      @NotBlank String clientId,
                                      @NotBlank String clientSecret,
                                      @NotNull @DefaultValue("3s") Duration timeout) {
}
