package io.xaostech.payments.billing;

import static io.xaostech.payments.billing.SubscriptionStatus.ACTIVE;
import static io.xaostech.payments.billing.SubscriptionStatus.CANCELED;
import static io.xaostech.payments.billing.SubscriptionStatus.INCOMPLETE;
import static io.xaostech.payments.billing.SubscriptionStatus.INCOMPLETE_EXPIRED;
import static io.xaostech.payments.billing.SubscriptionStatus.PAST_DUE;
import static io.xaostech.payments.billing.SubscriptionStatus.PAUSED;
import static io.xaostech.payments.billing.SubscriptionStatus.TRIALING;
import static io.xaostech.payments.billing.SubscriptionStatus.UNPAID;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The moves Stripe makes, and which reported state replaces a held one. */
class SubscriptionStatusTest {

    @Test
    void stripesStatusesAreAllKnownByTheirNames() {
        for (String name : List.of("incomplete", "incomplete_expired", "trialing", "active", "past_due", "unpaid",
                "canceled", "paused")) {
            assertThat(SubscriptionStatus.of(name)).as(name).isPresent();
        }
        assertThat(SubscriptionStatus.of("gold")).isEmpty();
        assertThat(SubscriptionStatus.entitlingNames()).containsExactlyInAnyOrder("trialing", "active", "past_due");
    }

    @Test
    void nothingGoesBackToIncompleteOnlyIncompleteExpiresAndEndedIsFinal() {
        for (SubscriptionStatus from : SubscriptionStatus.values()) {
            assertThat(from.canMoveTo(from)).as(from + " stays").isTrue();
            if (from != INCOMPLETE) {
                assertThat(from.canMoveTo(INCOMPLETE)).as(from + " -> incomplete").isFalse();
                assertThat(from == INCOMPLETE_EXPIRED || !from.canMoveTo(INCOMPLETE_EXPIRED))
                        .as(from + " -> incomplete_expired").isTrue();
            }
        }
        for (SubscriptionStatus next : List.of(ACTIVE, TRIALING, PAST_DUE, UNPAID, PAUSED)) {
            assertThat(CANCELED.canMoveTo(next)).as("canceled -> " + next).isFalse();
            assertThat(INCOMPLETE_EXPIRED.canMoveTo(next)).as("incomplete_expired -> " + next).isFalse();
        }
        assertThat(INCOMPLETE.canMoveTo(ACTIVE)).isTrue();
        assertThat(INCOMPLETE.canMoveTo(INCOMPLETE_EXPIRED)).isTrue();
        assertThat(ACTIVE.canMoveTo(PAST_DUE)).isTrue();
        assertThat(PAST_DUE.canMoveTo(UNPAID)).isTrue();
        assertThat(UNPAID.canMoveTo(ACTIVE)).isTrue();
        assertThat(TRIALING.canMoveTo(CANCELED)).isTrue();
    }

    @Test
    void aReportedStateReplacesTheHeldOneOnlyIfNotOlderAndAMoveStripeMakes() {
        assertThat(INCOMPLETE.yieldsTo(ACTIVE, 100, 101)).isTrue();
        assertThat(ACTIVE.yieldsTo(PAST_DUE, 100, 100)).as("same second, a real move").isTrue();
        assertThat(ACTIVE.yieldsTo(INCOMPLETE, 100, 100)).as("same second, back to incomplete").isFalse();
        assertThat(ACTIVE.yieldsTo(INCOMPLETE, 100, 200)).as("newer, but back to incomplete").isFalse();
        assertThat(ACTIVE.yieldsTo(PAST_DUE, 100, 99)).as("older").isFalse();
        assertThat(CANCELED.yieldsTo(ACTIVE, 100, 200)).as("ended is final").isFalse();
        assertThat(ACTIVE.entitles()).isTrue();
        assertThat(UNPAID.entitles()).isFalse();
    }
}
