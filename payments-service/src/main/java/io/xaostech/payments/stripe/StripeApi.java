package io.xaostech.payments.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.payments.config.PaymentsProperties;
import io.xaostech.platform.dependency.DependencyFailures;
import io.xaostech.platform.web.ProblemException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Calls Stripe with stripe-java when an API key is configured. Without one the service still runs (plans, webhooks)
 * and every call answers 501 saying how to configure Stripe. Stripe's failures become problems a client can act
 * on: Stripe unreachable or rate limiting 503 with Retry-After (the request may or may not have been carried out:
 * retry with the same idempotency key), Stripe failing or refusing our request 502 (an answer Stripe keeps for
 * that idempotency key).
 */
@Component
public class StripeApi {

    private static final Logger log = LoggerFactory.getLogger(StripeApi.class);

    /** Work done with the client; stripe-java's checked exception is translated by {@link #call}. */
    @FunctionalInterface
    public interface Call<T> {
        T run(StripeClient stripe) throws StripeException;
    }

    private final StripeClient client;
    private final DependencyFailures failures;

    public StripeApi(PaymentsProperties properties, DependencyFailures failures) {
        this.failures = failures;
        PaymentsProperties.Stripe stripe = properties.stripe();
        this.client = !stripe.configured() ? null : StripeClient.builder()
                .setApiKey(stripe.apiKey())
                .setApiBase(stripe.apiBase().toString().replaceAll("/+$", ""))
                .setConnectTimeout((int) stripe.connectTimeout().toMillis())
                .setReadTimeout((int) stripe.readTimeout().toMillis())
                .setMaxNetworkRetries(stripe.maxNetworkRetries())
                .build();
        if (client == null) {
            log.warn("No Stripe API key (xaos.payments.stripe.api-key): checkout and the portal answer 501");
        }
    }

    public boolean configured() {
        return client != null;
    }

    /** Options carrying the idempotency key every POST to Stripe has. */
    public static RequestOptions idempotent(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    /** A 501 saying how to configure Stripe, unless it is; {@code what} names what needed it ("open checkout"). */
    public void require(String what) {
        if (client == null) {
            throw new ProblemException(ProblemType.NOT_IMPLEMENTED, "Stripe is not configured on this server, so it "
                    + "cannot " + what + ". Set XAOS_STRIPE_API_KEY (a test-mode secret key, sk_test_…) and "
                    + "XAOS_STRIPE_WEBHOOK_SECRET (whsec_…, from the dashboard or `stripe listen`); see the README.");
        }
    }

    /** Runs {@code call}; {@code what} names the call in problems and logs ("create a Checkout Session"). */
    public <T> T call(String what, Call<T> call) {
        require(what);
        try {
            return call.run(client);
        } catch (ApiConnectionException e) {
            failures.record("stripe", "retry-later", what, e);
            throw unavailable("Stripe could not be reached to " + what + "; retry with the same Idempotency-Key.");
        } catch (RateLimitException e) {
            failures.record("stripe", "retry-later", what + " (rate limited)", e);
            throw unavailable("Stripe is busy and refused to " + what + " for now; retry with the same Idempotency-Key.");
        } catch (IdempotencyException e) {
            // Our derived key met other parameters at Stripe: the client reused its key for another request.
            throw new ProblemException(ProblemType.UNPROCESSABLE, "This Idempotency-Key was already used with other "
                    + "parameters; use a new key for a new request.", Map.of("field", "Idempotency-Key"));
        } catch (AuthenticationException e) {
            // PermissionException is one too: a restricted key without the right.
            failures.recordSevere("stripe", "bad-gateway", what + " (Stripe refused our API key)", e);
            throw badGateway(what, e);
        } catch (StripeException e) {
            Integer status = e.getStatusCode();
            failures.record("stripe", "bad-gateway", what + " (HTTP " + status + ", request " + e.getRequestId() + ")", e);
            throw badGateway(what, e);
        }
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, detail,
                Map.of(ProblemException.RETRY_AFTER_PROPERTY, 5));
    }

    private static ProblemException badGateway(String what, StripeException e) {
        Integer status = e.getStatusCode();
        return new ProblemException(ProblemType.BAD_GATEWAY, "Stripe failed to " + what
                + (status == null ? "" : " (Stripe answered HTTP " + status + ")")
                + (status != null && status >= 500 ? "; retry with the same Idempotency-Key." : "."));
    }
}
