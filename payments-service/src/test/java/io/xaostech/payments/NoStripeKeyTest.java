package io.xaostech.payments;

import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Role;
import io.xaostech.platform.test.FakeStripe;
import io.xaostech.platform.test.TestHttp;
import io.xaostech.platform.test.TestIssuer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Local development without a Stripe key: the service runs, plans show, checkout says how to configure Stripe. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "xaos.payments.stripe.api-key=")
class NoStripeKeyTest {

    @LocalServerPort
    int port;

    @Test
    void plansWorkCheckoutIs501AndWebhooksAreStillVerified() {
        TestHttp http = new TestHttp(port);
        HttpResponse<String> plans = http.get("/api/v1/payments/plans");
        assertThat(plans.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<Boolean>read(plans.body(), "$.checkoutAvailable")).isFalse();

        String token = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER);
        HttpResponse<String> checkout = http.call("POST", "/api/v1/payments/checkout-sessions", token,
                "{\"plan\":\"supporter-monthly\"}");
        assertProblem(checkout, 501, ProblemType.NOT_IMPLEMENTED);
        assertThat(JsonPath.<String>read(checkout.body(), "$.detail")).contains("XAOS_STRIPE_API_KEY");
        assertProblem(http.call("POST", "/api/v1/payments/portal-sessions", token, null), 501,
                ProblemType.NOT_IMPLEMENTED);

        String eventId = StripeEvents.id("evt");
        String payload = StripeEvents.event(eventId, "customer.created", Instant.now().getEpochSecond(), "{\"id\":\"cus_1\"}");
        long now = Instant.now().getEpochSecond();
        assertThat(webhook(http, payload, FakeStripe.signature(PaymentsTest.WEBHOOK_SECRET, payload, now)).statusCode())
                .isEqualTo(200);
        assertProblem(webhook(http, payload, FakeStripe.signature("whsec_wrong", payload, now)), 400,
                ProblemType.INVALID_REQUEST);
    }

    private static HttpResponse<String> webhook(TestHttp http, String payload, String signature) {
        return http.send(HttpRequest.newBuilder(http.uri("/webhooks/stripe")).header("Stripe-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(payload)));
    }
}
