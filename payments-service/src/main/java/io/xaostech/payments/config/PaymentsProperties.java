package io.xaostech.payments.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** payments-service settings ({@code xaos.payments.*}). */
@Validated
@ConfigurationProperties("xaos.payments")
public record PaymentsProperties(@Valid @NotNull @DefaultValue Stripe stripe) {

    /**
     * @param apiBase          Stripe's API base URL (a local stand-in in tests)
     * @param webhookTolerance oldest webhook signature timestamp accepted
     */
    public record Stripe(@NotNull @DefaultValue("https://api.stripe.com") URI apiBase,
                         @NotNull @DefaultValue("300s") Duration webhookTolerance) {
    }
}
