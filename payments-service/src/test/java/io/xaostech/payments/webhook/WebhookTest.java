package io.xaostech.payments.webhook;

import static io.xaostech.payments.StripeEvents.charge;
import static io.xaostech.payments.StripeEvents.checkoutSession;
import static io.xaostech.payments.StripeEvents.dispute;
import static io.xaostech.payments.StripeEvents.event;
import static io.xaostech.payments.StripeEvents.id;
import static io.xaostech.payments.StripeEvents.invoice;
import static io.xaostech.payments.StripeEvents.subscription;
import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Role;
import io.xaostech.payments.PaymentsTest;
import io.xaostech.platform.test.FakeStripe;
import io.xaostech.platform.test.TestIssuer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Stripe's webhook: signatures on the raw bytes, each event once, order never trusted. */
class WebhookTest extends PaymentsTest {

    @Autowired
    ReceivedEvents received;

    private static final long NOW = Instant.now().getEpochSecond();

    @Test
    void aSignedOneOffPaymentIsStoredOnceAndRecordedInTheLedger() {
        UUID user = UUID.randomUUID();
        String eventId = id("evt");
        String payload = paidCheckout(eventId, user, 1500);

        HttpResponse<String> first = deliver(payload);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JsonPath.<Boolean>read(first.body(), "$.duplicate")).isFalse();
        awaitProcessed(eventId);
        HttpResponse<String> again = deliver(payload);
        assertThat(JsonPath.<Boolean>read(again.body(), "$.duplicate")).isTrue();

        HttpResponse<String> payments = http().call("GET", "/api/v1/payments/me/payments",
                TestIssuer.get().userToken(user, Role.USER), null);
        assertThat(payments.statusCode()).as(payments.body()).isEqualTo(200);
        assertThat(JsonPath.<List<Integer>>read(payments.body(), "$.items[*].amount")).containsExactly(1500);
        assertThat(JsonPath.<List<String>>read(payments.body(), "$.items[*].kind")).containsExactly("PAYMENT");
    }

    @Test
    void aRedeliveryDaysLaterIsStillRecognisedAfterItsPayloadWasPruned() {
        UUID user = UUID.randomUUID();
        String eventId = id("evt");
        String payload = paidCheckout(eventId, user, 700);
        assertThat(deliver(payload).statusCode()).isEqualTo(200);
        awaitProcessed(eventId);
        // Stripe retries for up to three days; by then the payload may be pruned, the event id stays.
        jdbc.sql("update stripe_events set received_at = now() - interval '4 days', processed_at = now() - interval '4 days' "
                + "where id = ?").param(eventId).update();
        received.prune(Duration.ofDays(3));
        assertThat(jdbc.sql("select payload from stripe_events where id = ?").param(eventId).query(String.class).single())
                .as("its payload is gone").isEqualTo("{\"redacted\":true}");

        HttpResponse<String> late = deliver(payload);

        assertThat(JsonPath.<Boolean>read(late.body(), "$.duplicate")).as("recognised four days on [25]").isTrue();
        assertThat(jdbc.sql("select count(*) from ledger_entries where user_id = ?").param(user).query(Integer.class)
                .single()).as("one effect").isEqualTo(1);
    }

    @Test
    void missingWrongStaleOrReserialisedSignaturesAre400AndStoreNothing() {
        String eventId = id("evt");
        String payload = paidCheckout(eventId, UUID.randomUUID(), 500);
        long now = Instant.now().getEpochSecond();

        assertProblem(deliver(payload, null), 400, ProblemType.INVALID_REQUEST);
        assertProblem(deliver(payload, FakeStripe.signature("whsec_someone_else", payload, now)), 400,
                ProblemType.INVALID_REQUEST);
        assertProblem(deliver(payload, FakeStripe.signature(WEBHOOK_SECRET, payload, now - 301)), 400,
                ProblemType.INVALID_REQUEST);
        assertProblem(deliver(payload, "t=" + now + ",v1=" + "0".repeat(64)), 400, ProblemType.INVALID_REQUEST);
        // Signed, then re-serialised on the way (whitespace changed): the bytes differ, so the signature fails.
        String signed = FakeStripe.signature(WEBHOOK_SECRET, payload, now);
        assertProblem(deliver(payload.replace("\n", "").replace("  ", ""), signed), 400, ProblemType.INVALID_REQUEST);

        assertThat(jdbc.sql("select count(*) from stripe_events where id = ?").param(eventId).query(Integer.class).single())
                .isZero();

        HttpResponse<String> late = deliver(payload, FakeStripe.signature(WEBHOOK_SECRET, payload, now - 290));
        assertThat(late.statusCode()).as("signed 290 s ago, inside the 300 s tolerance: " + late.body()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from stripe_events where id = ?").param(eventId).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void signedBodiesThatAreNotStripeEventsAre400() {
        assertProblem(deliver("not json at all"), 400, ProblemType.INVALID_REQUEST);
        assertProblem(deliver("{\"id\":\"evt_1\",\"object\":\"charge\"}"), 400, ProblemType.INVALID_REQUEST);
        assertProblem(deliver("{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"x\",\"created\":1}"), 400,
                ProblemType.INVALID_REQUEST);
        byte[] latin1 = "{\"id\":\"evt_\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> notUtf8 = http().send(HttpRequest.newBuilder(http().uri("/webhooks/stripe"))
                .header("Stripe-Signature", "t=1,v1=00").POST(HttpRequest.BodyPublishers.ofByteArray(latin1)));
        assertProblem(notUtf8, 400, ProblemType.INVALID_REQUEST);
        assertThat(JsonPath.<String>read(notUtf8.body(), "$.detail")).contains("UTF-8");
        HttpResponse<String> tooLarge = deliver("{\"pad\":\"" + "x".repeat(300 * 1024) + "\"}");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
    }

    @Test
    void unknownEventTypesAreAcknowledgedAndIgnored() {
        String eventId = id("evt");
        HttpResponse<String> answer = deliver(event(eventId, "customer.tax_id.created", NOW, "{\"id\":\"txi_1\"}"));
        assertThat(answer.statusCode()).isEqualTo(200);
        awaitProcessed(eventId);
        assertThat(outcome(eventId)).startsWith("ignored");
    }

    @Test
    void anEventWhoseEffectFailsIsStillStoredAnsweredAndLeftForRetry() {
        UUID user = UUID.randomUUID();
        String eventId = id("evt");
        // No currency: the ledger refuses the row, so the effect fails after the event was stored.
        String payload = event(eventId, "checkout.session.completed", NOW,
                checkoutSession(id("cs"), id("cus"), user, "payment", "paid", 300, "eur", id("pi"))
                        .replace("\"currency\": \"eur\",", ""));
        HttpResponse<String> answer = deliver(payload);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        record Row(boolean processed, int attempts, String error) {
        }
        Row row = jdbc.sql("select processed_at is not null, attempts, last_error from stripe_events where id = ?")
                .param(eventId).query((rs, i) -> new Row(rs.getBoolean(1), rs.getInt(2), rs.getString(3))).single();
        assertThat(row.processed()).isFalse();
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.error()).contains("currency");
        assertThat(jdbc.sql("select count(*) from ledger_entries where user_id = ?").param(user).query(Integer.class)
                .single()).isZero();
        assertThat(JsonPath.<Boolean>read(deliver(payload).body(), "$.duplicate")).isTrue();

        // The cause goes away (here: the stored event is mended) and the retry, due now, applies it once.
        jdbc.sql("update stripe_events set payload = ?, next_attempt_at = now() where id = ?")
                .params(payload.replace("\"amount_total\": 300,", "\"amount_total\": 300, \"currency\": \"eur\","), eventId)
                .update();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc.sql(
                "select count(*) from ledger_entries where user_id = ?").param(user).query(Integer.class).single()).isEqualTo(1));
        assertThat(jdbc.sql("select attempts from stripe_events where id = ? and processed_at is not null").param(eventId)
                .query(Integer.class).single()).as("applied by the second attempt").isEqualTo(2);
    }

    @Test
    void oneEventDeliveredManyTimesAtOnceHasOneEffect() throws Exception {
        UUID user = UUID.randomUUID();
        String eventId = id("evt");
        String intent = id("pi");
        String payload = event(eventId, "checkout.session.completed", NOW,
                checkoutSession(id("cs"), id("cus"), user, "payment", "paid", 700, "eur", intent));
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<HttpResponse<String>>> deliveries = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                deliveries.add(() -> deliver(payload));
            }
            List<Boolean> duplicates = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : pool.invokeAll(deliveries)) {
                assertThat(answer.get().statusCode()).isEqualTo(200);
                duplicates.add(JsonPath.read(answer.get().body(), "$.duplicate"));
            }
            assertThat(duplicates).containsOnlyOnce(false);
        } finally {
            pool.shutdown();
        }
        awaitProcessed(eventId);
        assertThat(jdbc.sql("select count(*) from ledger_entries where user_id = ?").param(user).query(Integer.class)
                .single()).isEqualTo(1);
        assertThat(jdbc.sql("select attempts from stripe_events where id = ?").param(eventId).query(Integer.class)
                .single()).as("processed once").isEqualTo(1);
    }

    @Test
    void refundsOfOneChargeArrivingTogetherAreCountedOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            UUID user = UUID.randomUUID();
            String customer = id("cus");
            jdbc.sql("insert into customers (user_id, stripe_customer_id) values (?, ?)").params(user, customer).update();
            String ch = id("ch");
            String intent = id("pi");
            List<String> payloads = List.of(
                    event(id("evt"), "charge.refunded", NOW + 1, charge(ch, customer, 500, 100, intent)),
                    event(id("evt"), "charge.refunded", NOW + 2, charge(ch, customer, 500, 300, intent)));
            deliverTogether(payloads);
            assertThat(jdbc.sql("select coalesce(sum(amount_minor), 0) from ledger_entries where user_id = ?").param(user)
                    .query(Long.class).single()).isEqualTo(-300);
        }
    }

    @Test
    void aPlanSwitchWithTwoSubscriptionsChangingTogetherLeavesTheUserASupporter() throws Exception {
        for (int round = 0; round < 5; round++) {
            UUID user = UUID.randomUUID();
            String customer = id("cus");
            String old = id("sub");
            String current = id("sub");
            String started = id("evt");
            deliverAndProcess(started, event(started, "customer.subscription.created", NOW,
                    subscription(old, customer, "active", "price_test_monthly", user, NOW + 86_400)));
            deliverTogether(List.of(
                    event(id("evt"), "customer.subscription.deleted", NOW + 1,
                            subscription(old, customer, "canceled", "price_test_monthly", user, NOW + 86_400)),
                    event(id("evt"), "customer.subscription.created", NOW + 1,
                            subscription(current, customer, "active", "price_test_yearly", user, NOW + 86_400))));
            List<String> published = jdbc.sql("select envelope from outbox where type = 'SubscriptionChanged' "
                    + "and envelope like ? order by id").param("%" + user + "%").query(String.class).list();
            assertThat(JsonPath.<Boolean>read(published.get(published.size() - 1), "$.payload.supporter"))
                    .as("the newest revision").isTrue();
        }
    }

    @Test
    void subscriptionEventsOutOfOrderEndInTheRightStateAndTellAccount() {
        UUID user = UUID.randomUUID();
        String sub = id("sub");
        String customer = id("cus");
        long end = NOW + 30 * 86_400;
        // updated (active) arrives before created (incomplete): the older state never wins.
        String updated = id("evt");
        deliverAndProcess(updated, event(updated, "customer.subscription.updated", NOW + 2,
                subscription(sub, customer, "active", "price_test_monthly", user, end)));
        String created = id("evt");
        deliverAndProcess(created, event(created, "customer.subscription.created", NOW + 1,
                subscription(sub, customer, "incomplete", "price_test_monthly", user, end)));
        assertThat(status(sub)).isEqualTo("active");
        assertThat(outcome(created)).contains("stays active");

        // deleted arrives before a later-sent update of the same second: an ended subscription stays ended.
        String deleted = id("evt");
        deliverAndProcess(deleted, event(deleted, "customer.subscription.deleted", NOW + 5,
                subscription(sub, customer, "canceled", "price_test_monthly", user, end)));
        String late = id("evt");
        deliverAndProcess(late, event(late, "customer.subscription.updated", NOW + 5,
                subscription(sub, customer, "past_due", "price_test_monthly", user, end)));
        assertThat(status(sub)).isEqualTo("canceled");

        List<String> published = jdbc.sql("select envelope from outbox where type = 'SubscriptionChanged' "
                + "and envelope like ? order by id").param("%" + user + "%").query(String.class).list();
        assertThat(published).hasSize(2);
        assertThat(JsonPath.<Boolean>read(published.get(0), "$.payload.supporter")).isTrue();
        assertThat(JsonPath.<String>read(published.get(0), "$.payload.planId")).isEqualTo("supporter-monthly");
        assertThat(JsonPath.<Boolean>read(published.get(1), "$.payload.supporter")).isFalse();
        assertThat(JsonPath.<Integer>read(published.get(1), "$.payload.revision")).isEqualTo(2);

        HttpResponse<String> mine = http().call("GET", "/api/v1/payments/me/subscriptions",
                TestIssuer.get().userToken(user, Role.USER), null);
        assertThat(JsonPath.<Boolean>read(mine.body(), "$.supporter")).isFalse();
        assertThat(JsonPath.<List<String>>read(mine.body(), "$.subscriptions[*].status")).containsExactly("canceled");
    }

    @Test
    void aSubscriptionMovesThroughItsLifecycle() {
        UUID user = UUID.randomUUID();
        String sub = id("sub");
        String customer = id("cus");
        long t = NOW;
        for (String status : List.of("incomplete", "trialing", "active", "past_due", "unpaid", "active")) {
            String eventId = id("evt");
            deliverAndProcess(eventId, event(eventId, "customer.subscription.updated", ++t,
                    subscription(sub, customer, status, "price_test_yearly", user, t + 86_400)));
            assertThat(status(sub)).isEqualTo(status);
        }
        String trialEnds = id("evt");
        deliverAndProcess(trialEnds, event(trialEnds, "customer.subscription.trial_will_end", ++t,
                subscription(sub, customer, "active", "price_test_yearly", user, t + 86_400)));
        // Supporter while trialing, active and past due; not while incomplete or unpaid.
        List<Boolean> supporter = jdbc.sql("select envelope from outbox where type = 'SubscriptionChanged' "
                + "and envelope like ? order by id").param("%" + user + "%").query(String.class).list().stream()
                .map(envelope -> JsonPath.<Boolean>read(envelope, "$.payload.supporter")).toList();
        assertThat(supporter).containsExactly(false, true, true, true, false, true);
    }

    @Test
    void invoicesRefundsAndDisputesReachTheLedgerOnceEach() {
        UUID user = UUID.randomUUID();
        String customer = id("cus");
        jdbc.sql("insert into customers (user_id, stripe_customer_id) values (?, ?)").params(user, customer).update();
        String inv = id("in");
        String finalized = id("evt");
        deliverAndProcess(finalized, event(finalized, "invoice.finalized", NOW,
                invoice(inv, customer, id("sub"), "open", 500, 0, NOW)));
        String paid = id("evt");
        deliverAndProcess(paid, event(paid, "invoice.paid", NOW, invoice(inv, customer, id("sub"), "paid", 500, 500, NOW)));
        // A late "finalized" of the same second does not make the paid invoice open again.
        String lateFinalized = id("evt");
        deliverAndProcess(lateFinalized, event(lateFinalized, "invoice.finalized", NOW,
                invoice(inv, customer, id("sub"), "open", 500, 0, NOW)));

        // Same second, Stripe's order lost: a draft after the open invoice does not undo it; uncollectible may still be paid.
        String other = id("in");
        String open = id("evt");
        deliverAndProcess(open, event(open, "invoice.finalized", NOW, invoice(other, customer, id("sub"), "open", 700, 0, NOW)));
        String draft = id("evt");
        deliverAndProcess(draft, event(draft, "invoice.created", NOW, invoice(other, customer, id("sub"), "draft", 700, 0, NOW)));
        assertThat(invoiceStatus(other)).isEqualTo("open");
        String uncollectible = id("evt");
        deliverAndProcess(uncollectible, event(uncollectible, "invoice.marked_uncollectible", NOW + 50,
                invoice(other, customer, id("sub"), "uncollectible", 700, 0, NOW)));
        String paidLate = id("evt");
        deliverAndProcess(paidLate, event(paidLate, "invoice.paid", NOW + 50,
                invoice(other, customer, id("sub"), "paid", 700, 700, NOW)));
        assertThat(invoiceStatus(other)).isEqualTo("paid");

        String ch = id("ch");
        String intent = "pi_" + inv;
        String partial = id("evt");
        deliverAndProcess(partial, event(partial, "charge.refunded", NOW + 10, charge(ch, customer, 500, 200, intent)));
        String full = id("evt");
        deliverAndProcess(full, event(full, "charge.refunded", NOW + 20, charge(ch, customer, 500, 500, intent)));
        // The partial refund's event delivered again late: nothing new.
        String partialAgain = id("evt");
        deliverAndProcess(partialAgain, event(partialAgain, "charge.refunded", NOW + 10, charge(ch, customer, 500, 200, intent)));
        String disputed = id("evt");
        deliverAndProcess(disputed, event(disputed, "charge.dispute.created", NOW + 30, dispute(id("dp"), ch, 500, intent)));

        String token = TestIssuer.get().userToken(user, Role.USER);
        HttpResponse<String> invoices = http().call("GET", "/api/v1/payments/me/invoices", token, null);
        assertThat(JsonPath.<List<String>>read(invoices.body(), "$.items[*].status")).containsExactly("paid", "paid");
        assertThat(JsonPath.<List<String>>read(invoices.body(), "$.items[*].hostedInvoiceUrl"))
                .contains("https://invoice.stripe.com/i/" + inv);
        HttpResponse<String> payments = http().call("GET", "/api/v1/payments/me/payments", token, null);
        assertThat(JsonPath.<List<String>>read(payments.body(), "$.items[*].kind"))
                .containsExactly("DISPUTE", "REFUND", "REFUND", "PAYMENT", "PAYMENT");
        assertThat(JsonPath.<List<Integer>>read(payments.body(), "$.items[*].amount"))
                .containsExactly(-500, -300, -200, 700, 500);
    }

    @Test
    void theLedgerRefusesChangesToWhatItRecorded() {
        UUID user = UUID.randomUUID();
        String eventId = id("evt");
        deliverAndProcess(eventId, event(eventId, "checkout.session.completed", NOW,
                checkoutSession(id("cs"), id("cus"), user, "payment", "paid", 900, "usd", id("pi"))));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(
                        "update ledger_entries set amount_minor = 1 where user_id = ?").param(user).update())
                .hasMessageContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(
                        "delete from ledger_entries where user_id = ?").param(user).update())
                .hasMessageContaining("append-only");
    }

    private void deliverTogether(List<String> payloads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(payloads.size());
        try {
            List<Callable<HttpResponse<String>>> deliveries = payloads.stream()
                    .<Callable<HttpResponse<String>>>map(payload -> () -> deliver(payload)).toList();
            for (Future<HttpResponse<String>> answer : pool.invokeAll(deliveries)) {
                assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
    }

    private void deliverAndProcess(String eventId, String payload) {
        HttpResponse<String> answer = deliver(payload);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        awaitProcessed(eventId);
    }

    /** A completed one-off checkout of {@code cents} euro cents by {@code user}, as the event {@code eventId}. */
    private static String paidCheckout(String eventId, UUID user, long cents) {
        return event(eventId, "checkout.session.completed", NOW,
                checkoutSession(id("cs"), id("cus"), user, "payment", "paid", cents, "eur", id("pi")));
    }

    private void awaitProcessed(String eventId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select processed_at is not null from stripe_events where id = ?").param(eventId)
                .query(Boolean.class).optional().orElse(false));
    }

    private String outcome(String eventId) {
        return jdbc.sql("select outcome from stripe_events where id = ?").param(eventId).query(String.class).single();
    }

    private String invoiceStatus(String invoice) {
        return jdbc.sql("select status from invoices where stripe_invoice_id = ?").param(invoice).query(String.class)
                .single();
    }

    private String status(String subscription) {
        return jdbc.sql("select status from subscriptions where stripe_subscription_id = ?").param(subscription)
                .query(String.class).single();
    }
}
