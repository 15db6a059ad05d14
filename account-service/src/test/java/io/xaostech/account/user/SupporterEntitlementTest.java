package io.xaostech.account.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xaostech.account.AccountApiTestBase;
import io.xaostech.common.event.EventEnvelope;
import io.xaostech.common.event.SubscriptionChanged;
import io.xaostech.common.event.Topics;
import io.xaostech.common.id.EventId;
import io.xaostech.common.id.UserId;
import io.xaostech.platform.events.EventConsumer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** payments' SubscriptionChanged events grant and withdraw SUPPORTER; late or repeated ones change nothing. */
class SupporterEntitlementTest extends AccountApiTestBase {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Autowired
    EventConsumer consumer;

    @Test
    void theNewestRevisionDecidesWhateverTheOrderOfDelivery() {
        String user = api.newUser("supporter");
        publish(user, "active", true, 1);
        awaitRoles(user, List.of("SUPPORTER", "USER"));

        publish(user, "canceled", false, 3);
        awaitRoles(user, List.of("USER"));

        // Revision 2 arrives after 3, and 3 arrives again: neither changes anything.
        publish(user, "past_due", true, 2);
        publish(user, "canceled", false, 3);
        String marker = api.newUser("marker");
        publish(marker, "active", true, 1);
        awaitRoles(marker, List.of("SUPPORTER", "USER"));
        assertThat(roles(user)).containsExactly("USER");
        assertThat(jdbc.sql("select revision from supporter_entitlements where user_id = ?::uuid").param(user)
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void anEventForNoCurrentUserIsAcknowledgedAndGrantsNothing() {
        String nobody = UUID.randomUUID().toString();
        String deleted = api.newUser("deleted");
        jdbc.sql("update users set status = 'DELETED' where id = ?::uuid").param(deleted).update();
        publish(nobody, "active", true, 1);
        publish(deleted, "active", true, 1);
        String marker = api.newUser("after-nobody");
        publish(marker, "active", true, 1);
        awaitRoles(marker, List.of("SUPPORTER", "USER"));
        assertThat(roles(deleted)).containsExactly("USER");
        // Acknowledged, not left pending for redelivery.
        assertThat(redis.opsForStream().pending(Topics.PAYMENTS, "account").getTotalPendingMessages()).isZero();
    }

    private void publish(String user, String status, boolean supporter, long revision) {
        Instant now = Instant.now();
        EventEnvelope<SubscriptionChanged> envelope = new EventEnvelope<>(EventId.random(), SubscriptionChanged.TYPE,
                SubscriptionChanged.VERSION, "payments", user, now, null, new SubscriptionChanged(UserId.of(user),
                "sub_test", status, "supporter-monthly", supporter, revision, now));
        redis.opsForStream().add(Topics.PAYMENTS, Map.of(Topics.FIELD_TYPE, SubscriptionChanged.TYPE,
                Topics.FIELD_ENVELOPE, json.writeValueAsString(envelope)));
    }

    private void awaitRoles(String user, List<String> expected) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            consumer.poll();
            assertThat(roles(user)).containsExactlyElementsOf(expected);
        });
    }

    private List<String> roles(String user) {
        return jdbc.sql("select role from user_roles where user_id = ?::uuid order by role").param(user)
                .query(String.class).list();
    }
}
