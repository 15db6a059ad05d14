package io.xaostech.common.event;

import io.xaostech.common.id.UserId;
import java.time.Instant;

/**
 * A user's subscription changed state (became active, fell behind, ended…). Published by payments-service on
 * {@link Topics#PAYMENTS}; account grants or withdraws the {@code SUPPORTER} role from {@code supporter}.
 *
 * @param userId         whose subscription it is
 * @param subscriptionId Stripe's subscription id
 * @param status         Stripe's status after the change ({@code active}, {@code past_due}, {@code canceled}…)
 * @param planId         the plan it sells, when it is one of ours
 * @param supporter      whether the user is entitled to the supporter role after this change, all their
 *                       subscriptions considered
 * @param revision       per-user counter: a consumer applies an event only if its revision is higher than the
 *                       last one it applied for that user, so redelivered or reordered events change nothing
 * @param changedAt      when payments recorded the change
 */
public record SubscriptionChanged(UserId userId, String subscriptionId, String status, String planId,
                                  boolean supporter, long revision, Instant changedAt) {

    public static final String TYPE = "SubscriptionChanged";
    public static final int VERSION = 1;
}
