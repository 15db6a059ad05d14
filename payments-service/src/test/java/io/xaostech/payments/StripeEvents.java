package io.xaostech.payments;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Stripe event payloads as Stripe sends them (API version 2026-07-29 shapes), for the tests to sign and deliver. */
public final class StripeEvents {

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime());

    private StripeEvents() {
    }

    public static String id(String prefix) {
        return prefix + "_" + Long.toString(IDS.incrementAndGet(), 36);
    }

    public static String event(String id, String type, long created, String object) {
        return """
                {
                  "id": "%s",
                  "object": "event",
                  "api_version": "2026-07-29",
                  "created": %d,
                  "data": {
                    "object": %s
                  },
                  "livemode": false,
                  "pending_webhooks": 1,
                  "request": {"id": null, "idempotency_key": null},
                  "type": "%s"
                }""".formatted(id, created, object, type);
    }

    public static String subscription(String id, String customer, String status, String price, UUID user, long periodEnd) {
        return """
                {"id": "%s", "object": "subscription", "customer": "%s", "status": "%s", "cancel_at_period_end": false,
                 "trial_end": null, "metadata": {"xaos_user_id": "%s"},
                 "items": {"object": "list", "data": [{"id": "si_1", "object": "subscription_item",
                   "price": {"id": "%s", "object": "price"}, "current_period_end": %d}]}}"""
                .formatted(id, customer, status, user, price, periodEnd);
    }

    public static String checkoutSession(String id, String customer, UUID user, String mode, String paymentStatus,
                                         long amount, String currency, String paymentIntent) {
        return """
                {"id": "%s", "object": "checkout.session", "customer": "%s", "client_reference_id": "%s",
                 "mode": "%s", "payment_status": "%s", "amount_total": %d, "currency": "%s",
                 "payment_intent": %s, "customer_details": {"email": "payer@example.com", "name": "Pat Payer"},
                 "metadata": {"xaos_user_id": "%s"}}"""
                .formatted(id, customer, user, mode, paymentStatus, amount, currency,
                        paymentIntent == null ? "null" : "\"" + paymentIntent + "\"", user);
    }

    public static String invoice(String id, String customer, String subscription, String status, long amountDue,
                                 long amountPaid, long created) {
        return """
                {"id": "%s", "object": "invoice", "customer": "%s", "number": "XAOS-%s", "status": "%s",
                 "currency": "eur", "amount_due": %d, "amount_paid": %d, "created": %d,
                 "hosted_invoice_url": "https://invoice.stripe.com/i/%s", "invoice_pdf": "https://pay.stripe.com/invoice/%s/pdf",
                 "parent": {"type": "subscription_details", "subscription_details": {"subscription": "%s"}},
                 "status_transitions": {"paid_at": %s},
                 "payments": {"object": "list", "data": [{"payment": {"type": "payment_intent", "payment_intent": "pi_%s"}}]}}"""
                .formatted(id, customer, id, status, amountDue, amountPaid, created, id, id, subscription,
                        "paid".equals(status) ? Long.toString(created) : "null", id);
    }

    public static String charge(String id, String customer, long amount, long amountRefunded, String paymentIntent) {
        return """
                {"id": "%s", "object": "charge", "customer": "%s", "amount": %d, "amount_refunded": %d,
                 "currency": "eur", "payment_intent": "%s", "refunded": %s}"""
                .formatted(id, customer, amount, amountRefunded, paymentIntent, amount == amountRefunded);
    }

    public static String dispute(String id, String charge, long amount, String paymentIntent) {
        return """
                {"id": "%s", "object": "dispute", "amount": %d, "currency": "eur", "charge": "%s",
                 "payment_intent": "%s", "reason": "fraudulent", "status": "needs_response"}"""
                .formatted(id, amount, charge, paymentIntent);
    }
}
