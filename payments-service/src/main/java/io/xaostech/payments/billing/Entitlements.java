package io.xaostech.payments.billing;

import io.xaostech.common.event.EventEnvelope;
import io.xaostech.common.event.SubscriptionChanged;
import io.xaostech.common.event.Topics;
import io.xaostech.common.id.EventId;
import io.xaostech.common.id.UserId;
import io.xaostech.common.service.XaosService;
import io.xaostech.platform.events.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.MDC;
import io.xaostech.platform.jdbc.TransactionLocks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells account, through the outbox, when a subscription changed status and whether its owner is now a supporter
 * (all their subscriptions considered). Each user's events carry a rising revision so account applies only the
 * latest, whatever order they arrive in.
 */
@Component
class Entitlements {

    private final JdbcClient jdbc;
    private final Subscriptions subscriptions;
    private final Outbox outbox;
    private final Clock clock;

    Entitlements(JdbcClient jdbc, Subscriptions subscriptions, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Publishes the change, in the caller's transaction; answers whether the user is a supporter after it. */
    boolean publish(Subscriptions.Change change) {
        // One user's changes one at a time: computed over what the others committed, so two subscriptions changing
        // at once (a plan switch) cannot leave the flag of whichever committed first.
        TransactionLocks.lock(jdbc, "payments:entitlement:" + change.user());
        boolean supporter = subscriptions.anyEntitling(change.user());
        long revision = jdbc.sql("""
                        insert into entitlements as e (user_id, supporter, revision) values (?, ?, 1)
                        on conflict (user_id) do update set supporter = excluded.supporter, revision = e.revision + 1,
                            changed_at = now()
                        returning revision""")
                .params(change.user(), supporter).query(Long.class).single();
        Instant now = clock.instant();
        outbox.add(Topics.PAYMENTS, new EventEnvelope<>(EventId.random(), SubscriptionChanged.TYPE,
                SubscriptionChanged.VERSION, XaosService.PAYMENTS.id(), change.user().toString(), now,
                MDC.get("requestId"), new SubscriptionChanged(new UserId(change.user()), change.subscriptionId(),
                        change.status().stripeName(), change.planId(), supporter, revision, now)));
        return supporter;
    }

    boolean isSupporter(UUID user) {
        return jdbc.sql("select coalesce((select supporter from entitlements where user_id = ?), false)").param(user)
                .query(Boolean.class).single();
    }

    int forget(UUID user) {
        return jdbc.sql("delete from entitlements where user_id = ?").param(user).update();
    }
}
