package io.xaostech.payments;

import io.xaostech.platform.test.FakeStripe;
import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The one application context of payments' tests: the service against the fake Stripe, real PostgreSQL and Redis. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class PaymentsTest {

    public static final String WEBHOOK_SECRET = "whsec_test_secret";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry registry) {
        registry.add("xaos.payments.stripe.api-base", () -> FakeStripe.get().url());
    }

    protected TestHttp http() {
        return new TestHttp(port);
    }

    /** Delivers a webhook as Stripe does: the payload signed now with the endpoint's secret. */
    protected HttpResponse<String> deliver(String payload) {
        return deliver(payload, FakeStripe.signature(WEBHOOK_SECRET, payload, Instant.now().getEpochSecond()));
    }

    protected HttpResponse<String> deliver(String payload, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http().uri("/webhooks/stripe"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return http().send(request);
    }
}
