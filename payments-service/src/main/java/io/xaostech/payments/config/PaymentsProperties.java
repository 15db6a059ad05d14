package io.xaostech.payments.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** payments-service settings ({@code xaos.payments.*}). */
@Validated
@ConfigurationProperties("xaos.payments")
public record PaymentsProperties(@Valid @NotNull @DefaultValue Stripe stripe,
                                 @Valid @NotNull @DefaultValue List<Plan> plans,
                                 @Valid @NotNull @DefaultValue Checkout checkout,
                                 @Valid @NotNull @DefaultValue Processing processing,
                                 @Valid @NotNull @DefaultValue Reconciliation reconciliation) {

    /**
     * @param apiKey            secret (or restricted) API key; blank runs without Stripe calls (checkout answers 501)
     * @param webhookSecret     the endpoint's signing secret ({@code whsec_…}); blank refuses every webhook
     * @param apiBase           Stripe's API base URL (a local stand-in in tests)
     * @param webhookTolerance  oldest webhook signature timestamp accepted
     * @param connectTimeout    connect timeout of calls to Stripe
     * @param readTimeout       read timeout of calls to Stripe
     * @param maxNetworkRetries stripe-java's own retries of failed calls (same idempotency key)
     */
    public record Stripe(@DefaultValue("") String apiKey,
                         @DefaultValue("") String webhookSecret,
                         @NotNull @DefaultValue("https://api.stripe.com") URI apiBase,
                         @NotNull @DefaultValue("300s") Duration webhookTolerance,
                         @NotNull @DefaultValue("5s") Duration connectTimeout,
                         @NotNull @DefaultValue("20s") Duration readTimeout,
                         @Min(0) @Max(5) @DefaultValue("2") int maxNetworkRetries) {

        public boolean configured() {
            return apiKey != null && !apiKey.isBlank();
        }

        /** A tolerance of zero would make stripe-java skip the timestamp check, and with it replay protection. */
        @AssertTrue(message = "webhook-tolerance must be between 1 second and 1 hour")
        public boolean isWebhookToleranceBounded() {
            return webhookTolerance.toSeconds() >= 1 && webhookTolerance.toSeconds() <= 3600;
        }
    }

    /**
     * A plan offered on {@code GET /plans}, mapped to a Stripe price.
     *
     * @param id       our stable name, for example {@code supporter-monthly}
     * @param priceId  the Stripe price ({@code price_…}) checkout sells
     * @param amount   price in minor units, shown to visitors (Stripe's price is what is charged)
     * @param interval {@code month} or {@code year}
     */
    public record Plan(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String id,
                       @NotBlank String name,
                       @DefaultValue("") String description,
                       @NotBlank String priceId,
                       @Min(1) long amount,
                       @NotBlank @Pattern(regexp = "[a-z]{3}") String currency,
                       @NotBlank @Pattern(regexp = "month|year") String interval) {
    }

    /**
     * @param successUrl       where Checkout sends the payer back ({@code {CHECKOUT_SESSION_ID}} is filled in by Stripe)
     * @param cancelUrl        where Checkout sends a visitor who gives up
     * @param portalReturnUrl  where the Customer Portal's "return" link leads
     * @param oneOffMinimum    smallest one-off support payment (minor units)
     * @param oneOffMaximum    largest one-off support payment (minor units)
     * @param oneOffCurrencies currencies one-off support may be paid in
     * @param idempotencyTtl   how long an {@code Idempotency-Key}'s first answer is replayed
     */
    public record Checkout(@NotNull @DefaultValue("http://localhost:8080/me/billing?checkout={CHECKOUT_SESSION_ID}") String successUrl,
                           @NotNull @DefaultValue("http://localhost:8080/me/billing?checkout=cancelled") String cancelUrl,
                           @NotNull @DefaultValue("http://localhost:8080/me/billing") String portalReturnUrl,
                           @Min(50) @DefaultValue("100") long oneOffMinimum,
                           @Min(50) @DefaultValue("100000") long oneOffMaximum,
                           @NotNull @DefaultValue({"eur", "usd"}) List<@Pattern(regexp = "[a-z]{3}") String> oneOffCurrencies,
                           @NotNull @DefaultValue("24h") Duration idempotencyTtl) {
    }

    /**
     * Processing of stored events whose first processing (in the webhook's transaction) failed.
     *
     * @param pollInterval     how often events not yet processed are looked for
     * @param batch            events taken per round
     * @param retryDelay       first wait after a failed attempt (doubles per attempt, at most an hour)
     * @param maxAttempts      attempts before an event is left for an operator (it stays in the table)
     * @param payloadRetention how long a processed event's payload is kept (its id, type and outcome stay)
     */
    public record Processing(@NotNull @DefaultValue("1s") Duration pollInterval,
                             @Min(1) @Max(1000) @DefaultValue("100") int batch,
                             @NotNull @DefaultValue("10s") Duration retryDelay,
                             @Min(1) @DefaultValue("12") int maxAttempts,
                             @NotNull @DefaultValue("30d") Duration payloadRetention) {
    }

    /**
     * @param enabled  whether the scheduled job runs (it needs an API key)
     * @param interval time between runs
     * @param lookback how far back the first run scans (Stripe keeps events 30 days)
     * @param overlap  how far before the last run's end each run starts again, for events Stripe listed late
     */
    public record Reconciliation(@DefaultValue("true") boolean enabled,
                                 @NotNull @DefaultValue("1h") Duration interval,
                                 @NotNull @DefaultValue("3d") Duration lookback,
                                 @NotNull @DefaultValue("10m") Duration overlap) {
    }
}
