package io.xaostech.payments.privacy;

import static io.xaostech.payments.StripeEvents.checkoutSession;
import static io.xaostech.payments.StripeEvents.event;
import static io.xaostech.payments.StripeEvents.id;
import static io.xaostech.payments.StripeEvents.invoice;
import static io.xaostech.payments.StripeEvents.subscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.security.Role;
import io.xaostech.payments.PaymentsTest;
import io.xaostech.platform.test.FakeStripe;
import io.xaostech.platform.test.TestIssuer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** data-service's export and erasure calls: invoices kept on a legal ground, the rest gone or redacted. */
class BillingPrivacyTest extends PaymentsTest {

    @Test
    void exportHoldsTheBillingAndErasureKeepsOnlyWhatTheLawRequires() {
        UUID user = UUID.randomUUID();
        String token = TestIssuer.get().userToken(user, Role.USER);
        assertThat(http().call("POST", "/api/v1/payments/checkout-sessions", token, "{\"plan\":\"supporter-monthly\"}")
                .statusCode()).isEqualTo(201);
        String customer = (String) FakeStripe.get().customersOf(user.toString()).get(0).get("id");
        long now = Instant.now().getEpochSecond();
        String sub = id("sub");
        List<String> events = List.of(
                event(id("evt"), "checkout.session.completed", now,
                        checkoutSession(id("cs"), customer, user, "subscription", "paid", 500, "eur", null)),
                event(id("evt"), "customer.subscription.created", now,
                        subscription(sub, customer, "active", "price_test_monthly", user, now + 86_400)),
                event(id("evt"), "invoice.paid", now, invoice(id("in"), customer, sub, "paid", 500, 500, now)));
        events.forEach(payload -> assertThat(deliver(payload).statusCode()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from stripe_events where user_id = ? and processed_at is not null").param(user)
                .query(Integer.class).single() == 3);

        String service = TestIssuer.get().serviceToken("svc-data");
        HttpResponse<String> export = http().call("GET", "/internal/privacy/export/" + user, service, null);
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.body()).contains(customer);
        assertThat(JsonPath.<List<String>>read(export.body(), "$..subscriptions[*].status")).containsExactly("active");
        assertThat(JsonPath.<List<Integer>>read(export.body(), "$..payments[*].amount")).containsExactly(500);

        HttpResponse<String> erased = http().call("POST", "/internal/privacy/erase/" + user, service, null);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(FakeStripe.get().customerDeleted(customer)).isTrue();
        assertThat(count("select count(*) from customers where user_id = ?", user)).isZero();
        assertThat(count("select count(*) from subscriptions where user_id = ?", user)).isZero();
        assertThat(count("select count(*) from stripe_events where user_id = ? and payload like '%payer@example.com%'",
                user)).isZero();
        assertThat(count("select count(*) from invoices where user_id = ?", user)).isEqualTo(1);
        assertThat(count("select count(*) from ledger_entries where user_id = ?", user)).isEqualTo(1);

        // Deleting the customer makes Stripe cancel its subscription and announce the deletion, after the erasure:
        // neither brings anything of the user back, and neither payload is kept.
        int published = count("select count(*) from outbox where envelope like '%' || ? || '%'", user);
        String cancelled = id("evt");
        String deletedCustomer = id("evt");
        assertThat(deliver(event(cancelled, "customer.subscription.deleted", now + 5,
                subscription(sub, customer, "canceled", "price_test_monthly", user, now + 86_400))).statusCode())
                .isEqualTo(200);
        assertThat(deliver(event(deletedCustomer, "customer.deleted", now + 5, "{\"id\":\"" + customer
                + "\",\"object\":\"customer\",\"email\":\"payer@example.com\",\"name\":\"Pat Payer\"}"))
                .statusCode()).isEqualTo(200);
        assertThat(count("select count(*) from subscriptions where user_id = ?", user)).isZero();
        assertThat(count("select count(*) from entitlements where user_id = ?", user)).isZero();
        assertThat(count("select count(*) from outbox where envelope like '%' || ? || '%'", user)).isEqualTo(published);
        assertThat(jdbc.sql("select count(*) from stripe_events where id in (?, ?) and payload = '{\"redacted\":true}' "
                + "and processed_at is not null").params(cancelled, deletedCustomer).query(Integer.class).single())
                .isEqualTo(2);

        HttpResponse<String> again = http().call("POST", "/internal/privacy/erase/" + user, service, null);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<Integer>read(again.body(), "$.eventsRedacted")).isZero();
    }

    private int count(String sql, UUID user) {
        return jdbc.sql(sql).param(user).query(Integer.class).single();
    }
}
