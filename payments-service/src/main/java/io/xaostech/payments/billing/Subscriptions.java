package io.xaostech.payments.billing;

import io.xaostech.payments.plan.Plans;
import io.xaostech.payments.stripe.StripeEvent;
import io.xaostech.platform.jdbc.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** The subscription mirror, moved only through {@link SubscriptionStatus}'s rules. */
@Component
class Subscriptions {

    /** A subscription after an event; {@code moved} says whether its status changed. */
    record Change(UUID user, String subscriptionId, SubscriptionStatus status, String planId, boolean moved) {
    }

    record SubscriptionView(String id, String plan, String status, boolean cancelAtPeriodEnd,
                            Instant currentPeriodEnd, Instant trialEnd) {
    }

    private final JdbcClient jdbc;
    private final Plans plans;

    Subscriptions(JdbcClient jdbc, Plans plans) {
        this.jdbc = jdbc;
        this.plans = plans;
    }

    /** Applies the subscription an event carries, if its state is news; empty when its status is not Stripe's. */
    Optional<Change> apply(UUID user, StripeEvent event) {
        Optional<SubscriptionStatus> reported = SubscriptionStatus.of(event.field("status"));
        if (reported.isEmpty()) {
            return Optional.empty();
        }
        SubscriptionStatus status = reported.get();
        String id = event.field("id");
        JsonNode item = event.object().path("items").path("data").path(0);
        String priceId = StripeEvent.text(item.path("price"), "id");
        String planId = plans.forPrice(priceId).map(p -> p.id()).orElse(null);
        long periodEnd = item.has("current_period_end") ? item.path("current_period_end").asLong()
                : event.number("current_period_end");
        long trialEnd = event.number("trial_end");
        boolean inserted = jdbc.sql("""
                        insert into subscriptions (stripe_subscription_id, user_id, stripe_customer_id, plan_id, price_id,
                            status, cancel_at_period_end, current_period_end, trial_end, state_created)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(id, user, event.reference("customer"), planId, priceId, status.stripeName(),
                        event.object().path("cancel_at_period_end").asBoolean(false), time(periodEnd), time(trialEnd),
                        event.created())
                .update() == 1;
        if (inserted) {
            return Optional.of(new Change(user, id, status, planId, true));
        }
        record Held(SubscriptionStatus status, long created) {
        }
        Held held = jdbc.sql("select status, state_created from subscriptions where stripe_subscription_id = ? for update")
                .param(id).query((rs, i) -> new Held(SubscriptionStatus.of(rs.getString(1)).orElseThrow(), rs.getLong(2)))
                .single();
        if (!held.status().yieldsTo(status, held.created(), event.created())) {
            return Optional.of(new Change(user, id, held.status(), planId, false));
        }
        jdbc.sql("""
                        update subscriptions set status = ?, plan_id = ?, price_id = ?, cancel_at_period_end = ?,
                            current_period_end = ?, trial_end = ?, state_created = ?, updated_at = now()
                        where stripe_subscription_id = ?""")
                .params(status.stripeName(), planId, priceId, event.object().path("cancel_at_period_end").asBoolean(false),
                        time(periodEnd), time(trialEnd), event.created(), id)
                .update();
        return Optional.of(new Change(user, id, status, planId, held.status() != status));
    }

    /** Whether any subscription of the user to one of our plans is in an entitling state. */
    boolean anyEntitling(UUID user) {
        return jdbc.sql("""
                        select exists (select 1 from subscriptions
                                       where user_id = :user and plan_id is not null and status in (:statuses))""")
                .param("user", user).param("statuses", SubscriptionStatus.entitlingNames())
                .query(Boolean.class).single();
    }

    List<SubscriptionView> of(UUID user) {
        return jdbc.sql("""
                        select stripe_subscription_id, plan_id, status, cancel_at_period_end, current_period_end, trial_end
                        from subscriptions where user_id = ? order by updated_at desc limit 100""")
                .param(user)
                .query((rs, i) -> new SubscriptionView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        Timestamps.instant(rs, "current_period_end"), Timestamps.instant(rs, "trial_end")))
                .list();
    }

    int forget(UUID user) {
        return jdbc.sql("delete from subscriptions where user_id = ?").param(user).update();
    }

    private static java.time.OffsetDateTime time(long epochSeconds) {
        return epochSeconds <= 0 ? null : Timestamps.utc(Instant.ofEpochSecond(epochSeconds));
    }
}
