package io.xaostech.portfolio.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * portfolio-site settings ({@code xaos.portfolio.*}).
 *
 * @param siteName        name shown in page titles
 * @param contentLocation where the content files are ({@code projects/*.md}, {@code collections/*.md})
 */
@Validated
@ConfigurationProperties("xaos.portfolio")
public record PortfolioProperties(@NotBlank @DefaultValue("XAOSTECH Portfolio") String siteName,
                                  @NotBlank @DefaultValue("classpath:/content") String contentLocation) {
}
