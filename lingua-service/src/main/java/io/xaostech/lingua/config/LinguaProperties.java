package io.xaostech.lingua.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * lingua-service settings ({@code xaos.lingua.*}).
 *
 * @param anonymousAccess    whether requests without an API key are served
 * @param maxCharsPerRequest most characters translated in one request
 */
@Validated
@ConfigurationProperties("xaos.lingua")
public record LinguaProperties(@DefaultValue("false") boolean anonymousAccess,
                               @Min(1) @Max(1000000) @DefaultValue("10000") int maxCharsPerRequest) {
}
