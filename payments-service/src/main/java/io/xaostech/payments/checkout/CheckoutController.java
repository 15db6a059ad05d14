package io.xaostech.payments.checkout;

import io.xaostech.common.http.XaosHeaders;
import io.xaostech.platform.security.BearerTokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/payments/checkout-sessions} and {@code POST /api/v1/payments/portal-sessions}: Stripe-hosted
 * pages for the signed-in user. Both honour {@code Idempotency-Key}; a replayed answer says so in
 * {@code Idempotent-Replayed: true}, as Stripe's own do.
 */
@RestController
class CheckoutController {

    static final String REPLAYED = "Idempotent-Replayed";

    /** Exactly one of a plan (subscription) or a one-off support payment. */
    record CheckoutRequest(@Size(max = 64) String plan, @Valid OneOff oneOff) {
    }

    record OneOff(@Positive long amount, @Pattern(regexp = "[a-z]{3}") String currency) {
    }

    private final CheckoutSessions sessions;

    CheckoutController(CheckoutSessions sessions) {
        this.sessions = sessions;
    }

    @PostMapping("/api/v1/payments/checkout-sessions")
    ResponseEntity<CheckoutSessions.CheckoutView> checkout(@AuthenticationPrincipal Jwt user,
            @RequestHeader(name = XaosHeaders.IDEMPOTENCY_KEY, required = false) String key,
            @Valid @RequestBody CheckoutRequest request) {
        return answer(sessions.checkout(BearerTokens.userId(user), key, request));
    }

    @PostMapping("/api/v1/payments/portal-sessions")
    ResponseEntity<CheckoutSessions.PortalView> portal(@AuthenticationPrincipal Jwt user,
            @RequestHeader(name = XaosHeaders.IDEMPOTENCY_KEY, required = false) String key) {
        return answer(sessions.portal(BearerTokens.userId(user), key));
    }

    private static <T> ResponseEntity<T> answer(IdempotentRequests.Outcome<T> outcome) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(REPLAYED, String.valueOf(outcome.replayed()))
                .body(outcome.value());
    }
}
