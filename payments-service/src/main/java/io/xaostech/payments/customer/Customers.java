package io.xaostech.payments.customer;

import com.stripe.model.Customer;
import com.stripe.param.CustomerCreateParams;
import io.xaostech.payments.stripe.StripeApi;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Stripe customer of each user. Never two for one user: concurrent first requests of a user queue on a
 * transaction-scoped advisory lock, and the creation carries an idempotency key derived from the user, so even a
 * creation whose answer was lost returns the same customer when tried again.
 */
@Service
public class Customers {

    /** Customer and subscription metadata key naming our user, so Stripe's objects lead back to them. */
    public static final String USER_METADATA = "xaos_user_id";

    private final JdbcClient jdbc;
    private final StripeApi stripe;

    Customers(JdbcClient jdbc, StripeApi stripe) {
        this.jdbc = jdbc;
        this.stripe = stripe;
    }

    /** The user's Stripe customer, created at Stripe (and remembered) if they have none yet. */
    @Transactional
    public String customerFor(UUID user) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param("payments:customer:" + user)
                .query(Object.class).single();
        Optional<String> existing = find(user);
        if (existing.isPresent()) {
            return existing.get();
        }
        // No email or name: Checkout asks the payer for what Stripe needs (data minimisation).
        CustomerCreateParams params = CustomerCreateParams.builder().putMetadata(USER_METADATA, user.toString()).build();
        Customer customer = stripe.call("create a Stripe customer",
                client -> client.v1().customers().create(params, StripeApi.idempotent("xaos-customer-" + user)));
        remember(user, customer.getId());
        return customer.getId();
    }

    /** Records a user's customer learnt from Stripe (a completed checkout); the first one known stays. */
    @Transactional
    public void remember(UUID user, String customerId) {
        jdbc.sql("insert into customers (user_id, stripe_customer_id) values (?, ?) on conflict do nothing")
                .params(user, customerId).update();
    }

    public Optional<String> find(UUID user) {
        return jdbc.sql("select stripe_customer_id from customers where user_id = ?").param(user)
                .query(String.class).optional();
    }

    public Optional<UUID> userOf(String customerId) {
        return customerId == null ? Optional.empty()
                : jdbc.sql("select user_id from customers where stripe_customer_id = ?").param(customerId)
                        .query(UUID.class).optional();
    }

    /** Forgets the user's customer (erasure); answers the id it had, if any. */
    @Transactional
    public Optional<String> forget(UUID user) {
        return jdbc.sql("delete from customers where user_id = ? returning stripe_customer_id").param(user)
                .query(String.class).optional();
    }
}
