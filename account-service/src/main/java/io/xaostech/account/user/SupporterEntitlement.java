package io.xaostech.account.user;

import io.xaostech.common.event.EventEnvelope;
import io.xaostech.common.event.SubscriptionChanged;
import io.xaostech.common.event.Topics;
import io.xaostech.common.security.Role;
import io.xaostech.common.service.XaosService;
import io.xaostech.platform.events.EventHandler;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Grants or withdraws {@code SUPPORTER} as payments' {@code SubscriptionChanged} events say. Only an event with a
 * higher revision than the last applied for that user counts, so a redelivered or late event changes nothing. The
 * new role reaches the user's tokens at their next refresh.
 */
@Component
class SupporterEntitlement implements EventHandler<SubscriptionChanged> {

    private static final Logger log = LoggerFactory.getLogger(SupporterEntitlement.class);
    private static final String ACTOR = "svc-" + XaosService.PAYMENTS.id();

    private final JdbcClient jdbc;
    private final AdminUserService users;

    SupporterEntitlement(JdbcClient jdbc, AdminUserService users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    @Override
    public String topic() {
        return Topics.PAYMENTS;
    }

    @Override
    public String type() {
        return SubscriptionChanged.TYPE;
    }

    @Override
    public Class<SubscriptionChanged> payloadType() {
        return SubscriptionChanged.class;
    }

    @Override
    @Transactional
    public void handle(EventEnvelope<SubscriptionChanged> event) {
        SubscriptionChanged change = event.payload();
        UUID user = change.userId().value();
        boolean newest = jdbc.sql("""
                        insert into supporter_entitlements as s (user_id, revision, supporter) values (?, ?, ?)
                        on conflict (user_id) do update set revision = excluded.revision, supporter = excluded.supporter,
                            updated_at = now()
                        where s.revision < excluded.revision""")
                .params(user, change.revision(), change.supporter()).update() == 1;
        if (!newest) {
            log.info("SubscriptionChanged {} (revision {}) for {} is not newer than the one applied; ignored",
                    event.id(), change.revision(), user);
            return;
        }
        // The user row locked: an administrator's role change waits for this one (and the other way round).
        boolean present = jdbc.sql("select id from users where id = ? and status <> 'DELETED' for update")
                .param(user).query(UUID.class).optional().isPresent();
        if (!present) {
            log.info("SubscriptionChanged {} names no current user ({}); nothing to grant", event.id(), user);
            return;
        }
        boolean holds = jdbc.sql("select exists (select 1 from user_roles where user_id = ? and role = ?)")
                .params(user, Role.SUPPORTER.name()).query(Boolean.class).single();
        if (holds == change.supporter()) {
            return;
        }
        users.grant(ACTOR, user, Role.SUPPORTER, change.supporter());
        log.info("{} SUPPORTER for {} (subscription {} is {})", change.supporter() ? "Granted" : "Withdrew", user,
                change.subscriptionId(), change.status());
    }
}
