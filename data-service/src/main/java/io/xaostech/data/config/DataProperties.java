package io.xaostech.data.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * data-service settings ({@code xaos.data.*}).
 *
 * @param exportLinkTtl       how long a download link of a data export stays valid
 * @param requestDeadlineDays days within which a privacy request must be answered (GDPR: one month)
 * @param secureCookies       whether the visitor cookie is {@code Secure} (true behind HTTPS; false for local HTTP)
 * @param privacyServices     the services holding personal data, each with {@code /internal/privacy/export|erase}
 * @param retryBase           the wait before retrying a failed privacy-request step, doubled after each failure
 * @param retryMax            the longest wait between two attempts
 */
@Validated
@ConfigurationProperties("xaos.data")
public record DataProperties(@NotNull @DefaultValue("24h") Duration exportLinkTtl,
                             @Min(1) @Max(90) @DefaultValue("30") int requestDeadlineDays,
                             @DefaultValue("false") boolean secureCookies,
                             @NotNull @DefaultValue({"blog", "chat", "payments", "account"}) List<String> privacyServices,
                             @NotNull @DefaultValue("30s") Duration retryBase,
                             @NotNull @DefaultValue("1h") Duration retryMax) {
}
