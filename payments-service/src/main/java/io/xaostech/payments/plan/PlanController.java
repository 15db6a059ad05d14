package io.xaostech.payments.plan;

import io.xaostech.payments.config.PaymentsProperties;
import io.xaostech.payments.stripe.StripeApi;
import java.time.Duration;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/payments/plans}: what can be bought, public. */
@RestController
class PlanController {

    record PlanView(String id, String name, String description, long amount, String currency, String interval) {
    }

    record OneOffView(long minimum, long maximum, List<String> currencies) {
    }

    record PlansView(List<PlanView> plans, OneOffView oneOff, boolean checkoutAvailable) {
    }

    private final PlansView view;

    PlanController(Plans plans, PaymentsProperties properties, StripeApi stripe) {
        PaymentsProperties.Checkout checkout = properties.checkout();
        this.view = new PlansView(plans.all().stream()
                .map(p -> new PlanView(p.id(), p.name(), p.description(), p.amount(), p.currency(), p.interval()))
                .toList(),
                new OneOffView(checkout.oneOffMinimum(), checkout.oneOffMaximum(), checkout.oneOffCurrencies()),
                stripe.configured());
    }

    @GetMapping("/api/v1/payments/plans")
    ResponseEntity<PlansView> plans() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic()).body(view);
    }
}
