package io.xaostech.payments.reconcile;

import static io.xaostech.payments.StripeEvents.checkoutSession;
import static io.xaostech.payments.StripeEvents.event;
import static io.xaostech.payments.StripeEvents.id;
import static io.xaostech.payments.StripeEvents.invoice;
import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Role;
import io.xaostech.payments.PaymentsTest;
import io.xaostech.platform.test.FakeStripe;
import io.xaostech.platform.test.TestIssuer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Events the webhook never brought are fetched from Stripe and processed; disagreements are reported. */
class ReconciliationTest extends PaymentsTest {

    @Test
    void missedEventsAreRecoveredAndDifferencesReported() {
        UUID user = UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        String missed = id("evt");
        FakeStripe.get().addEvent(event(missed, "checkout.session.completed", now,
                checkoutSession(id("cs"), id("cus"), user, "payment", "paid", 2500, "eur", id("pi"))));
        String delivered = id("evt");
        String deliveredPayload = event(delivered, "customer.created", now, "{\"id\":\"cus_x\"}");
        FakeStripe.get().addEvent(deliveredPayload);
        assertThat(deliver(deliveredPayload).statusCode()).isEqualTo(200);
        String unknownInvoice = id("in");
        FakeStripe.get().addInvoice(invoice(unknownInvoice, id("cus"), id("sub"), "paid", 900, 900, now));

        String admin = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER, Role.ADMIN);
        HttpResponse<String> run = http().call("POST", "/api/v1/payments/admin/reconciliations", admin, null);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(JsonPath.<Integer>read(run.body(), "$.eventsRecovered")).isGreaterThanOrEqualTo(1);
        assertThat(JsonPath.<List<String>>read(run.body(), "$.differences"))
                .anyMatch(d -> d.contains(missed) && d.contains("had not reached the webhook"))
                .anyMatch(d -> d.contains(unknownInvoice) && d.contains("unknown here"))
                .noneMatch(d -> d.contains(delivered));
        assertThat(jdbc.sql("select amount_minor from ledger_entries where user_id = ?").param(user).query(Long.class)
                .single()).isEqualTo(2500);
        assertThat(jdbc.sql("select source from stripe_events where id = ?").param(missed).query(String.class).single())
                .isEqualTo("RECONCILIATION");

        HttpResponse<String> reports = http().call("GET", "/api/v1/payments/admin/reconciliations?limit=1", admin, null);
        assertThat(JsonPath.<List<Integer>>read(reports.body(), "$[*].id"))
                .containsExactly(JsonPath.<Integer>read(run.body(), "$.id"));

        // More than one page of events (100 a page), and the next run starts where this one ended, less the overlap.
        for (int i = 0; i < 130; i++) {
            FakeStripe.get().addEvent(event(id("evt"), "customer.updated", now, "{\"id\":\"cus_page" + i + "\"}"));
        }
        HttpResponse<String> second = http().call("POST", "/api/v1/payments/admin/reconciliations", admin, null);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(JsonPath.<Integer>read(second.body(), "$.eventsRecovered")).isGreaterThanOrEqualTo(130);
        assertThat(Instant.parse(JsonPath.read(second.body(), "$.scannedFrom")))
                .isEqualTo(Instant.parse(JsonPath.<String>read(run.body(), "$.scannedTo")).minusSeconds(600));

        assertProblem(http().call("POST", "/api/v1/payments/admin/reconciliations",
                TestIssuer.get().userToken(user, Role.USER), null), 403, ProblemType.FORBIDDEN);
    }
}
