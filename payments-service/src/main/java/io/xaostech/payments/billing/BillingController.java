package io.xaostech.payments.billing;

import io.xaostech.common.page.Page;
import io.xaostech.common.page.PageRequest;
import io.xaostech.platform.security.BearerTokens;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own billing: subscriptions, invoices (with Stripe's hosted pages) and money movements. */
@RestController
class BillingController {

    record SubscriptionsView(boolean supporter, List<Subscriptions.SubscriptionView> subscriptions) {
    }

    private final Subscriptions subscriptions;
    private final Entitlements entitlements;
    private final Invoices invoices;
    private final Ledger ledger;

    BillingController(Subscriptions subscriptions, Entitlements entitlements, Invoices invoices, Ledger ledger) {
        this.subscriptions = subscriptions;
        this.entitlements = entitlements;
        this.invoices = invoices;
        this.ledger = ledger;
    }

    @GetMapping("/api/v1/payments/me/subscriptions")
    SubscriptionsView subscriptions(@AuthenticationPrincipal Jwt token) {
        UUID user = BearerTokens.userId(token);
        return new SubscriptionsView(entitlements.isSupporter(user), subscriptions.of(user));
    }

    @GetMapping("/api/v1/payments/me/invoices")
    Page<Invoices.InvoiceView> invoices(@AuthenticationPrincipal Jwt token,
                                        @RequestParam(defaultValue = "20") @Min(1) @Max(PageRequest.MAX_LIMIT) int limit,
                                        @RequestParam(required = false) @Size(min = 1, max = 400) String cursor) {
        return invoices.of(BearerTokens.userId(token), new PageRequest(limit, cursor));
    }

    @GetMapping("/api/v1/payments/me/payments")
    Page<Ledger.EntryView> payments(@AuthenticationPrincipal Jwt token,
                                    @RequestParam(defaultValue = "20") @Min(1) @Max(PageRequest.MAX_LIMIT) int limit,
                                    @RequestParam(required = false) @Size(min = 1, max = 20) String cursor) {
        return ledger.of(BearerTokens.userId(token), new PageRequest(limit, cursor));
    }
}
