package io.xaostech.webfront.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * webfront-site settings ({@code xaos.webfront.*}).
 *
 * @param publicBaseUrl the origin browsers use (the gateway)
 * @param siteName      name shown in page titles
 */
@Validated
@ConfigurationProperties("xaos.webfront")
public record WebfrontProperties(@NotNull @DefaultValue("http://localhost:8080") URI publicBaseUrl,
                                 @NotBlank @DefaultValue("XAOSTECH") String siteName) {
}
