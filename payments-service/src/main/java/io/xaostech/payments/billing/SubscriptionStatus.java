package io.xaostech.payments.billing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Stripe's subscription statuses and the moves between them. Stripe is the truth, but its events come in any
 * order: a state replaces the one held only if it is not older (by the event's {@code created}) and the move is
 * one Stripe makes — nothing goes back to {@code incomplete}, only an incomplete subscription expires, and an ended
 * subscription ({@code canceled}, {@code incomplete_expired}) never changes again.
 */
enum SubscriptionStatus {
    INCOMPLETE, INCOMPLETE_EXPIRED, TRIALING, ACTIVE, PAST_DUE, UNPAID, CANCELED, PAUSED;

    static Optional<SubscriptionStatus> of(String stripe) {
        return Arrays.stream(values()).filter(s -> s.stripeName().equals(stripe)).findFirst();
    }

    String stripeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a subscription in this state gives its plan's role (past due keeps it while Stripe retries). */
    boolean entitles() {
        return this == TRIALING || this == ACTIVE || this == PAST_DUE;
    }

    boolean ended() {
        return this == CANCELED || this == INCOMPLETE_EXPIRED;
    }

    boolean canMoveTo(SubscriptionStatus next) {
        return next == this || !ended() && next != INCOMPLETE && (next != INCOMPLETE_EXPIRED || this == INCOMPLETE);
    }

    /** Whether a state reported at {@code created} replaces this one, held since {@code heldCreated}. */
    boolean yieldsTo(SubscriptionStatus next, long heldCreated, long created) {
        return created >= heldCreated && canMoveTo(next);
    }

    /** Stripe's names of the entitling states, for queries. */
    static List<String> entitlingNames() {
        return Arrays.stream(values()).filter(SubscriptionStatus::entitles).map(SubscriptionStatus::stripeName).toList();
    }
}
