package io.xaostech.payments.checkout;

import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.LineItem;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.payments.checkout.CheckoutController.CheckoutRequest;
import io.xaostech.payments.config.PaymentsProperties;
import io.xaostech.payments.config.PaymentsProperties.Plan;
import io.xaostech.payments.customer.Customers;
import io.xaostech.payments.plan.Plans;
import io.xaostech.payments.stripe.StripeApi;
import io.xaostech.platform.web.ProblemException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Makes Stripe Checkout (subscription or one-off payment) and Customer Portal sessions for a user. */
@Service
class CheckoutSessions {

    record CheckoutView(String id, String url, String mode, Instant expiresAt) {
    }

    record PortalView(String url) {
    }

    private final StripeApi stripe;
    private final Customers customers;
    private final Plans plans;
    private final IdempotentRequests idempotency;
    private final PaymentsProperties.Checkout settings;

    CheckoutSessions(StripeApi stripe, Customers customers, Plans plans, IdempotentRequests idempotency,
                     PaymentsProperties properties) {
        this.stripe = stripe;
        this.customers = customers;
        this.plans = plans;
        this.idempotency = idempotency;
        this.settings = properties.checkout();
    }

    IdempotentRequests.Outcome<CheckoutView> checkout(UUID user, String key, CheckoutRequest request) {
        stripe.require("open checkout");
        SessionCreateParams.Builder params = validated(request, user.toString());
        String fingerprint = request.plan() != null ? "plan:" + request.plan()
                : "one-off:" + request.oneOff().amount() + ":" + request.oneOff().currency();
        return idempotency.once(user, "checkout", key, fingerprint, CheckoutView.class, stripeKey -> {
            String customer = customers.customerFor(user);
            SessionCreateParams session = params.setCustomer(customer)
                    .setClientReferenceId(user.toString())
                    .setSuccessUrl(settings.successUrl())
                    .setCancelUrl(settings.cancelUrl())
                    .build();
            Session created = stripe.call("create a Checkout Session",
                    client -> client.v1().checkout().sessions().create(session, StripeApi.idempotent(stripeKey)));
            return new CheckoutView(created.getId(), created.getUrl(), session.getMode().getValue(),
                    created.getExpiresAt() == null ? null : Instant.ofEpochSecond(created.getExpiresAt()));
        });
    }

    IdempotentRequests.Outcome<PortalView> portal(UUID user, String key) {
        stripe.require("open the billing portal");
        return idempotency.once(user, "portal", key, "portal", PortalView.class, stripeKey -> {
            String customer = customers.find(user).orElseThrow(() -> new ProblemException(ProblemType.CONFLICT,
                    "There is no billing account to manage yet: it is made at your first checkout."));
            var params = com.stripe.param.billingportal.SessionCreateParams.builder()
                    .setCustomer(customer).setReturnUrl(settings.portalReturnUrl()).build();
            var session = stripe.call("create a Customer Portal session",
                    client -> client.v1().billingPortal().sessions().create(params, StripeApi.idempotent(stripeKey)));
            return new PortalView(session.getUrl());
        });
    }

    /** The session's mode and line item, once the request is known to name exactly one valid thing to buy. */
    private SessionCreateParams.Builder validated(CheckoutRequest request, String user) {
        if ((request.plan() == null) == (request.oneOff() == null)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "Name either a plan or a oneOff payment.",
                    Map.of("field", "plan"));
        }
        if (request.plan() != null) {
            Plan plan = plans.require(request.plan());
            return SessionCreateParams.builder()
                    .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                    .putMetadata(Customers.USER_METADATA, user)
                    .addLineItem(LineItem.builder().setPrice(plan.priceId()).setQuantity(1L).build())
                    .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                            .putMetadata(Customers.USER_METADATA, user)
                            .build());
        }
        CheckoutController.OneOff oneOff = request.oneOff();
        if (oneOff.currency() == null || !settings.oneOffCurrencies().contains(oneOff.currency())) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "oneOff.currency must be one of "
                    + settings.oneOffCurrencies() + ".", Map.of("field", "oneOff.currency"));
        }
        if (oneOff.amount() < settings.oneOffMinimum() || oneOff.amount() > settings.oneOffMaximum()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "oneOff.amount must be between "
                    + settings.oneOffMinimum() + " and " + settings.oneOffMaximum() + " (minor units).",
                    Map.of("field", "oneOff.amount"));
        }
        return SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .putMetadata(Customers.USER_METADATA, user)
                .addLineItem(LineItem.builder().setQuantity(1L).setPriceData(LineItem.PriceData.builder()
                        .setCurrency(oneOff.currency()).setUnitAmount(oneOff.amount())
                        .setProductData(LineItem.PriceData.ProductData.builder().setName("Support XAOSTECH").build())
                        .build()).build())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata(Customers.USER_METADATA, user).build());
    }
}
