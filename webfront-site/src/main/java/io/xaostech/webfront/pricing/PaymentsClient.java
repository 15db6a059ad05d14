package io.xaostech.webfront.pricing;

import io.xaostech.common.http.XaosHeaders;
import io.xaostech.webfront.config.BackendClients;
import io.xaostech.webfront.config.WebfrontProperties;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** payments-service's API as the site uses it; every failure is a {@link BackendClients.Failure} with what to tell the visitor. */
@Component
class PaymentsClient {

    record Plan(String id, String name, String description, long amount, String currency, String interval) {
    }

    /** One-off support: amounts in the currency's smallest unit. */
    record OneOff(long minimum, long maximum, List<String> currencies) {
    }

    record Plans(List<Plan> plans, OneOff oneOff, boolean checkoutAvailable) {
    }

    record Subscription(String id, String plan, String status, boolean cancelAtPeriodEnd, Instant currentPeriodEnd) {
    }

    record Subscriptions(boolean supporter, List<Subscription> subscriptions) {
    }

    record Invoice(String id, String number, String status, long amountPaid, String currency, Instant created,
                   String hostedInvoiceUrl) {
    }

    record Invoices(List<Invoice> items) {
    }

    private record Session(String url) {
    }

    private final RestClient payments;
    private final RestClient sessions;
    private final List<String> paymentHosts;

    PaymentsClient(WebfrontProperties properties, @Value("${xaos.services.payments.url}") String paymentsUrl) {
        this.payments = BackendClients.client(paymentsUrl, properties.backendTimeout(), properties.backendTimeout());
        // Creating a session waits on Stripe: longer than a page's read, shorter than payments' own Stripe timeouts.
        this.sessions = BackendClients.client(paymentsUrl, properties.backendTimeout(),
                properties.backendTimeout().plus(Duration.ofSeconds(20)));
        this.paymentHosts = List.copyOf(properties.paymentHosts());
    }

    Plans plans() {
        return call(() -> payments.get().uri("/api/v1/payments/plans").retrieve().body(Plans.class));
    }

    Subscriptions subscriptions(String token) {
        return call(() -> payments.get().uri("/api/v1/payments/me/subscriptions")
                .headers(h -> h.setBearerAuth(token)).retrieve().body(Subscriptions.class));
    }

    Invoices invoices(String token) {
        return call(() -> payments.get().uri("/api/v1/payments/me/invoices?limit=20")
                .headers(h -> h.setBearerAuth(token)).retrieve().body(Invoices.class));
    }

    /** A Checkout Session for the plan; the same {@code requestKey} (one per rendered form) gives the same session. */
    URI checkout(String token, String plan, String requestKey) {
        return post(token, "/api/v1/payments/checkout-sessions", Map.of("plan", plan),
                "checkout-" + plan + "-" + requestKey);
    }

    /** A Checkout Session for a one-off payment; the same {@code requestKey} gives the same session. */
    URI support(String token, long amount, String currency, String requestKey) {
        return post(token, "/api/v1/payments/checkout-sessions",
                Map.of("oneOff", Map.of("amount", amount, "currency", currency)),
                "support-" + amount + "-" + currency + "-" + requestKey);
    }

    URI portal(String token, String requestKey) {
        return post(token, "/api/v1/payments/portal-sessions", null, "portal-" + requestKey);
    }

    private URI post(String token, String path, Object body, String idempotencyKey) {
        Session session = call(() -> {
            RestClient.RequestBodySpec request = sessions.post().uri(path).headers(h -> h.setBearerAuth(token))
                    .header(XaosHeaders.IDEMPOTENCY_KEY, idempotencyKey);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.retrieve().body(Session.class);
        });
        URI url = session == null || session.url() == null ? null : URI.create(session.url());
        if (url == null || !"https".equals(url.getScheme()) || !paymentHosts.contains(url.getHost())) {
            throw new BackendClients.Failure(502, "Payments answered with an address this site does not send visitors to.");
        }
        return url;
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        return BackendClients.call(request, "Payments cannot be reached just now.");
    }
}
