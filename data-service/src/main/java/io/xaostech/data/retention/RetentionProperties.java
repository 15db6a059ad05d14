package io.xaostech.data.retention;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long data-service keeps each category ({@code xaos.data.retention.*}).
 *
 * @param visitorConsents  decisions of visitors who never signed in: then anonymised (the proof stays, naming no
 *                         one); 13 months, as the CNIL advises for consent cookies
 * @param privacyRequests  finished privacy requests and their steps: then deleted (the audit log keeps that they
 *                         happened)
 * @param purgeInterval    how often the purge runs
 */
@Validated
@ConfigurationProperties("xaos.data.retention")
public record RetentionProperties(@NotNull @DefaultValue("395d") Duration visitorConsents,
                                  @NotNull @DefaultValue("1095d") Duration privacyRequests,
                                  @NotNull @DefaultValue("6h") Duration purgeInterval) {
}
