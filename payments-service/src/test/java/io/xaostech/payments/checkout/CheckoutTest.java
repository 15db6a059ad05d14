package io.xaostech.payments.checkout;

import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Role;
import io.xaostech.payments.PaymentsTest;
import io.xaostech.platform.dependency.DependencyFailures;
import io.xaostech.platform.test.FakeStripe;
import io.xaostech.platform.test.TestIssuer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Checkout and portal sessions against the fake Stripe: one customer per user, idempotent, failures as problems. */
class CheckoutTest extends PaymentsTest {

    @Autowired
    DependencyFailures failures;

    private static final String MONTHLY = "{\"plan\":\"supporter-monthly\"}";

    private final FakeStripe stripe = FakeStripe.get();

    @Test
    void aPlanCheckoutMakesOneCustomerAndASubscriptionSessionWithIdempotencyKeys() {
        UUID user = UUID.randomUUID();
        HttpResponse<String> answer = checkout(user, MONTHLY, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        String sessionId = JsonPath.read(answer.body(), "$.id");
        assertThat(JsonPath.<String>read(answer.body(), "$.url")).isEqualTo("https://checkout.stripe.com/c/pay/" + sessionId);
        assertThat(JsonPath.<String>read(answer.body(), "$.mode")).isEqualTo("subscription");

        List<Map<String, Object>> customers = stripe.customersOf(user.toString());
        assertThat(customers).hasSize(1);
        String customer = (String) customers.get(0).get("id");
        FakeStripe.Request create = stripe.requests("POST", "/v1/checkout/sessions").stream()
                .filter(r -> customer.equals(r.params().get("customer"))).findFirst().orElseThrow();
        assertThat(create.idempotencyKey()).isNotBlank();
        assertThat(create.params()).containsEntry("mode", "subscription")
                .containsEntry("line_items[0][price]", "price_test_monthly")
                .containsEntry("client_reference_id", user.toString())
                .containsEntry("subscription_data[metadata][xaos_user_id]", user.toString());
        assertThat(stripe.requests("POST", "/v1/customers")).allMatch(r -> r.idempotencyKey() != null);

        // A second checkout reuses the customer.
        assertThat(checkout(user, "{\"oneOff\":{\"amount\":1000,\"currency\":\"usd\"}}", null).statusCode()).isEqualTo(201);
        assertThat(stripe.customersOf(user.toString())).hasSize(1);
        FakeStripe.Request oneOff = stripe.requests("POST", "/v1/checkout/sessions").stream()
                .filter(r -> customer.equals(r.params().get("customer")) && "payment".equals(r.params().get("mode")))
                .findFirst().orElseThrow();
        assertThat(oneOff.params()).containsEntry("line_items[0][price_data][unit_amount]", "1000")
                .containsEntry("line_items[0][price_data][currency]", "usd")
                .containsEntry("payment_intent_data[metadata][xaos_user_id]", user.toString());
    }

    @Test
    void concurrentFirstCheckoutsOfAUserMakeOneCustomer() throws Exception {
        UUID user = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> checkout(user, MONTHLY, null));
            }
            for (Future<HttpResponse<String>> answer : pool.invokeAll(calls)) {
                assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(stripe.customersOf(user.toString())).hasSize(1);
        assertThat(jdbc.sql("select count(*) from customers where user_id = ?").param(user).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyReplaysTheFirstAnswerAndRefusesOtherParameters() {
        UUID user = UUID.randomUUID();
        String key = "checkout-" + UUID.randomUUID();
        HttpResponse<String> first = checkout(user, MONTHLY, key);
        HttpResponse<String> second = checkout(user, MONTHLY, key);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(JsonPath.<String>read(second.body(), "$.id")).isEqualTo(JsonPath.read(first.body(), "$.id"));
        assertThat(first.headers().firstValue("Idempotent-Replayed")).contains("false");
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(sessionsOf(user)).hasSize(1);

        assertProblem(checkout(user, "{\"plan\":\"supporter-yearly\"}", key), 422, ProblemType.UNPROCESSABLE);
        // Another user's identical key is theirs alone.
        assertThat(checkout(UUID.randomUUID(), MONTHLY, key).headers().firstValue("Idempotent-Replayed")).contains("false");
    }

    @Test
    void stripeFailingIsA502AndTheRetryAsksStripeWithANewKeyBecauseStripeKeepsItsFailure() {
        UUID user = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        assertThat(checkout(user, MONTHLY, null).statusCode()).isEqualTo(201); // the customer exists now
        int before = sessionsOf(user).size();
        String customer = (String) stripe.customersOf(user.toString()).get(0).get("id");

        double failedBefore = failures.count("stripe", "bad-gateway");
        stripe.failNext(500);
        assertProblem(checkout(user, MONTHLY, key), 502, ProblemType.BAD_GATEWAY);
        assertThat(failures.count("stripe", "bad-gateway")).as("counted and logged (checklist 23)")
                .isEqualTo(failedBefore + 1);
        HttpResponse<String> retried = checkout(user, MONTHLY, key);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(sessionsOf(user)).hasSize(before + 1);
        List<String> stripeKeys = stripe.requests("POST", "/v1/checkout/sessions").stream()
                .filter(r -> customer.equals(r.params().get("customer"))).map(FakeStripe.Request::idempotencyKey)
                .toList();
        assertThat(stripeKeys.subList(stripeKeys.size() - 2, stripeKeys.size())).doesNotHaveDuplicates();
    }

    @Test
    void aFailedCustomerCreationIsRetriedWithANewKeyAndStillMakesOneCustomer() {
        UUID user = UUID.randomUUID();
        stripe.failNext(500);
        assertProblem(checkout(user, MONTHLY, null), 502, ProblemType.BAD_GATEWAY);
        HttpResponse<String> retried = checkout(user, MONTHLY, null);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(stripe.customersOf(user.toString())).hasSize(1);
        // Before the new key, the user's customer was looked for at Stripe, in case the failed attempt made one.
        assertThat(stripe.requests("GET", "/v1/customers/search"))
                .anyMatch(r -> r.params().get("query").contains(user.toString()));
    }

    @Test
    void aCustomerCreationWhoseAnswerWasLostIsFoundAgainWithTheSameKey() {
        UUID user = UUID.randomUUID();
        stripe.answerNextAfter(Duration.ofSeconds(4));
        assertProblem(checkout(user, MONTHLY, null), 503, ProblemType.SERVICE_UNAVAILABLE);
        assertThat(checkout(user, MONTHLY, null).statusCode()).isEqualTo(201);
        assertThat(stripe.customersOf(user.toString())).hasSize(1);
    }

    @Test
    void aLostAnswerIsA503AndTheRetryGetsTheSessionStripeAlreadyMade() {
        UUID user = UUID.randomUUID();
        assertThat(checkout(user, MONTHLY, null).statusCode()).isEqualTo(201);
        int before = sessionsOf(user).size();
        String key = UUID.randomUUID().toString();

        stripe.answerNextAfter(Duration.ofSeconds(4)); // beyond the 2 s read timeout of the tests
        HttpResponse<String> lost = checkout(user, MONTHLY, key);
        assertProblem(lost, 503, ProblemType.SERVICE_UNAVAILABLE);
        assertThat(lost.headers().firstValue("Retry-After")).isPresent();
        HttpResponse<String> retried = checkout(user, MONTHLY, key);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(sessionsOf(user)).hasSize(before + 1);
        assertThat(JsonPath.<String>read(retried.body(), "$.id")).isIn(sessionsOf(user).stream().map(s -> s.get("id")).toList());
    }

    @Test
    void badCheckoutRequestsAreNamedProblems() {
        UUID user = UUID.randomUUID();
        assertProblem(checkout(user, "{\"plan\":\"gold\"}", null), 400, ProblemType.INVALID_REQUEST);
        assertProblem(checkout(user, "{}", null), 400, ProblemType.INVALID_REQUEST);
        assertProblem(checkout(user, "{\"plan\":\"supporter-monthly\",\"oneOff\":{\"amount\":500,\"currency\":\"eur\"}}",
                null), 400, ProblemType.INVALID_REQUEST);
        assertProblem(checkout(user, "{\"oneOff\":{\"amount\":5,\"currency\":\"eur\"}}", null), 400,
                ProblemType.INVALID_REQUEST);
        assertProblem(checkout(user, "{\"oneOff\":{\"amount\":500,\"currency\":\"jpy\"}}", null), 400,
                ProblemType.INVALID_REQUEST);
        assertProblem(checkout(user, "{\"oneOff\":{\"amount\":500,\"currency\":\"EUR!\"}}", null), 400,
                ProblemType.INVALID_REQUEST);
        assertProblem(checkout(user, "{\"plan\":", null), 400, ProblemType.BAD_REQUEST);
        assertProblem(checkout(user, MONTHLY, "k".repeat(256)), 400, ProblemType.INVALID_REQUEST);
        assertProblem(checkout(user, MONTHLY, "has space"), 400, ProblemType.INVALID_REQUEST);
        assertThat(http().call("POST", "/api/v1/payments/checkout-sessions", null, MONTHLY).statusCode()).isEqualTo(401);
        assertThat(stripe.customersOf(user.toString())).isEmpty();

        String longest = "k".repeat(255);
        HttpResponse<String> first = checkout(user, MONTHLY, longest);
        assertThat(first.statusCode()).as("a key of 255 characters: " + first.body()).isEqualTo(201);
        HttpResponse<String> replayed = checkout(user, MONTHLY, longest);
        assertThat(JsonPath.<String>read(replayed.body(), "$.id")).isEqualTo(JsonPath.<String>read(first.body(), "$.id"));
    }

    @Test
    void thePortalNeedsABillingAccountAndThenOpensForItsCustomer() {
        UUID user = UUID.randomUUID();
        assertProblem(portal(user), 409, ProblemType.CONFLICT);
        checkout(user, MONTHLY, null);
        HttpResponse<String> portal = portal(user);
        assertThat(portal.statusCode()).as(portal.body()).isEqualTo(201);
        assertThat(JsonPath.<String>read(portal.body(), "$.url")).startsWith("https://billing.stripe.com/p/session/");
        String customer = (String) stripe.customersOf(user.toString()).get(0).get("id");
        assertThat(stripe.requests("POST", "/v1/billing_portal/sessions")).anyMatch(r ->
                customer.equals(r.params().get("customer")) && r.params().get("return_url").endsWith("/me/billing"));
    }

    @Test
    void plansArePublicAndSayCheckoutIsAvailable() {
        HttpResponse<String> plans = http().get("/api/v1/payments/plans");
        assertThat(plans.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<List<String>>read(plans.body(), "$.plans[*].id"))
                .containsExactly("supporter-monthly", "supporter-yearly");
        assertThat(JsonPath.<Boolean>read(plans.body(), "$.checkoutAvailable")).isTrue();
        assertThat(plans.body()).doesNotContain("price_test");
    }

    private List<Map<String, Object>> sessionsOf(UUID user) {
        return stripe.customersOf(user.toString()).stream()
                .flatMap(c -> stripe.checkoutSessionsOf((String) c.get("id")).stream()).toList();
    }

    private HttpResponse<String> checkout(UUID user, String body, String idempotencyKey) {
        return http().call("POST", "/api/v1/payments/checkout-sessions", TestIssuer.get().userToken(user, Role.USER),
                body, idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }

    private HttpResponse<String> portal(UUID user) {
        return http().call("POST", "/api/v1/payments/portal-sessions", TestIssuer.get().userToken(user, Role.USER), null);
    }
}
