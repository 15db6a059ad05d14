package io.xaostech.payments.billing;

import io.xaostech.payments.customer.Customers;
import io.xaostech.payments.stripe.StripeEvent;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * What each Stripe event type does here. Runs in the transaction that marks the event processed, so an effect and
 * its event's "done" commit together. Types we do not handle are acknowledged and ignored.
 */
@Service
public class BillingEvents {

    /**
     * Whom an event concerned (null when unknown) and what it did, for the event's row; {@code forget} says the
     * event is about someone whose billing data was erased, so its payload must not be kept either.
     */
    public record Outcome(UUID user, String summary, boolean forget) {

        Outcome(UUID user, String summary) {
            this(user, summary, false);
        }
    }

    private final Customers customers;
    private final Subscriptions subscriptions;
    private final Invoices invoices;
    private final Ledger ledger;
    private final Entitlements entitlements;

    BillingEvents(Customers customers, Subscriptions subscriptions, Invoices invoices, Ledger ledger,
                  Entitlements entitlements) {
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.ledger = ledger;
        this.entitlements = entitlements;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome apply(StripeEvent event) {
        if (concernsErased(event)) {
            return new Outcome(null, "ignored: about a user whose billing data was erased", true);
        }
        return switch (event.type()) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> checkoutCompleted(event);
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
                 "customer.subscription.paused", "customer.subscription.resumed",
                 "customer.subscription.trial_will_end" -> subscription(event);
            case "invoice.created", "invoice.finalized", "invoice.updated", "invoice.paid", "invoice.payment_failed",
                 "invoice.voided", "invoice.marked_uncollectible" -> invoice(event);
            case "charge.refunded" -> refund(event);
            case "charge.dispute.created" -> dispute(event);
            case "customer.created" -> customerCreated(event);
            default -> new Outcome(null, "ignored: not a type we act on");
        };
    }

    private Outcome checkoutCompleted(StripeEvent event) {
        Optional<UUID> user = userOf(event).or(() -> StripeEvent.uuid(event.field("client_reference_id")));
        if (user.isEmpty()) {
            return new Outcome(null, "ignored: checkout of no user of ours");
        }
        String customer = event.reference("customer");
        if (customer != null) {
            customers.remember(user.get(), customer);
        }
        if (!"payment".equals(event.field("mode"))) {
            return new Outcome(user.get(), "checkout completed; its subscription's events carry the state");
        }
        if (!"paid".equals(event.field("payment_status"))) {
            return new Outcome(user.get(), "checkout completed, payment not yet made (" + event.field("payment_status") + ")");
        }
        String intent = event.reference("payment_intent");
        boolean recorded = ledger.record(new Ledger.Entry(user.get(), Ledger.Kind.PAYMENT, event.number("amount_total"),
                event.field("currency"), intent != null ? "payment_intent:" + intent : "checkout:" + event.field("id"),
                intent, event.id(), "One-off support", Instant.ofEpochSecond(event.created())));
        return new Outcome(user.get(), recorded ? "one-off payment recorded" : "one-off payment already recorded");
    }

    /** A customer of ours made at Stripe: remembered if its creation's answer never reached us. */
    private Outcome customerCreated(StripeEvent event) {
        Optional<UUID> user = event.userInMetadata(Customers.USER_METADATA);
        user.ifPresent(u -> customers.remember(u, event.field("id")));
        return new Outcome(user.orElse(null), user.isPresent() ? "customer known" : "ignored: not a customer of ours");
    }

    private Outcome subscription(StripeEvent event) {
        Optional<UUID> user = userOf(event);
        if (user.isEmpty()) {
            return new Outcome(null, "ignored: subscription of no user of ours");
        }
        Optional<Subscriptions.Change> change = subscriptions.apply(user.get(), event);
        if (change.isEmpty()) {
            return new Outcome(user.get(), "ignored: unknown status " + event.field("status"));
        }
        if (!change.get().moved()) {
            return new Outcome(user.get(), "subscription stays " + change.get().status().stripeName());
        }
        boolean supporter = entitlements.publish(change.get());
        return new Outcome(user.get(), "subscription " + change.get().status().stripeName()
                + (supporter ? "; supporter" : "; not a supporter"));
    }

    private Outcome invoice(StripeEvent event) {
        Optional<UUID> user = userOf(event);
        invoices.apply(user.orElse(null), event);
        if (!"invoice.paid".equals(event.type()) || event.number("amount_paid") <= 0) {
            return new Outcome(user.orElse(null), "invoice " + event.field("status"));
        }
        JsonNode paidAt = event.object().path("status_transitions").get("paid_at");
        boolean recorded = ledger.record(new Ledger.Entry(user.orElse(null), Ledger.Kind.PAYMENT,
                event.number("amount_paid"), event.field("currency"), "invoice:" + event.field("id"),
                paymentIntentOf(event), event.id(), "Invoice " + Optional.ofNullable(event.field("number")).orElse(""),
                Instant.ofEpochSecond(paidAt != null && paidAt.canConvertToLong() ? paidAt.asLong() : event.created())));
        return new Outcome(user.orElse(null), recorded ? "invoice paid; payment recorded" : "invoice paid, already recorded");
    }

    /** A refund event carries the charge's refunded total: the ledger records what is new since the last one seen. */
    private Outcome refund(StripeEvent event) {
        Optional<UUID> user = userOf(event).or(() -> ledger.payerOf(event.reference("payment_intent")));
        String charge = "charge:" + event.field("id");
        ledger.lock(charge);
        long refundedTotal = event.number("amount_refunded");
        long newlyRefunded = refundedTotal - ledger.refunded(charge);
        if (newlyRefunded <= 0) {
            return new Outcome(user.orElse(null), "refund already recorded");
        }
        ledger.record(new Ledger.Entry(user.orElse(null), Ledger.Kind.REFUND, -newlyRefunded, event.field("currency"),
                charge + "@" + refundedTotal, event.reference("payment_intent"), event.id(), "Refund",
                Instant.ofEpochSecond(event.created())));
        return new Outcome(user.orElse(null), "refund of " + newlyRefunded + " recorded");
    }

    private Outcome dispute(StripeEvent event) {
        String intent = event.reference("payment_intent");
        Optional<UUID> user = ledger.payerOf(intent);
        boolean recorded = ledger.record(new Ledger.Entry(user.orElse(null), Ledger.Kind.DISPUTE,
                -event.number("amount"), event.field("currency"), "dispute:" + event.field("id"), intent, event.id(),
                "Dispute (" + Optional.ofNullable(event.field("reason")).orElse("unspecified") + ")",
                Instant.ofEpochSecond(event.created())));
        return new Outcome(user.orElse(null), recorded ? "dispute recorded" : "dispute already recorded");
    }

    /**
     * Whether the event is about an erased user: by its customer (deleting the customer at erasure sends
     * cancellations and {@code customer.deleted} afterwards) or by the user our metadata names.
     */
    private boolean concernsErased(StripeEvent event) {
        String customer = "customer".equals(event.field("object")) ? event.field("id") : event.reference("customer");
        UUID named = event.userInMetadata(Customers.USER_METADATA)
                .or(() -> StripeEvent.uuid(event.field("client_reference_id"))).orElse(null);
        return (customer != null || named != null) && customers.erased(named, customer);
    }

    private Optional<UUID> userOf(StripeEvent event) {
        return customers.userOf(event.reference("customer"))
                .or(() -> event.userInMetadata(Customers.USER_METADATA));
    }

    /** The payment intent that paid an invoice: a field of its own in older API versions, in its payments since. */
    private static String paymentIntentOf(StripeEvent event) {
        String direct = event.reference("payment_intent");
        if (direct != null) {
            return direct;
        }
        JsonNode payment = event.object().path("payments").path("data").path(0).path("payment");
        JsonNode intent = payment.get("payment_intent");
        return intent == null ? null : intent.isObject() ? StripeEvent.text(intent, "id") : StripeEvent.text(payment, "payment_intent");
    }
}
