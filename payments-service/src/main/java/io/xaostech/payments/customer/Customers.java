package io.xaostech.payments.customer;

import com.stripe.model.Customer;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerSearchParams;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.payments.config.PaymentsProperties;
import io.xaostech.payments.stripe.StripeApi;
import io.xaostech.platform.redis.Keyspace;
import io.xaostech.platform.web.ProblemException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import io.xaostech.platform.jdbc.TransactionLocks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Stripe customer of each user, and the users and customers whose billing data was erased. Never two customers
 * for one user: concurrent first requests of a user queue on a transaction-scoped advisory lock, and the creation
 * carries an idempotency key derived from the user, so a creation whose answer was lost returns the same customer
 * when tried again. Stripe keeps a failed (5xx) answer for its key for a day, so after one the next attempt uses a
 * new key — after first looking the user's customer up at Stripe, in case the failed attempt made one.
 */
@Service
public class Customers {

    /** Customer and subscription metadata key naming our user, so Stripe's objects lead back to them. */
    public static final String USER_METADATA = "xaos_user_id";

    private final JdbcClient jdbc;
    private final StripeApi stripe;
    private final StringRedisTemplate redis;
    private final Keyspace keys;
    private final Duration attemptMemory;

    Customers(JdbcClient jdbc, StripeApi stripe, StringRedisTemplate redis, Keyspace keys,
              PaymentsProperties properties) {
        this.jdbc = jdbc;
        this.stripe = stripe;
        this.redis = redis;
        this.keys = keys;
        this.attemptMemory = properties.checkout().idempotencyTtl();
    }

    /** The user's Stripe customer, created at Stripe (and remembered) if they have none yet. */
    @Transactional
    public String customerFor(UUID user) {
        TransactionLocks.lock(jdbc, "payments:customer:" + user);
        Optional<String> existing = find(user);
        if (existing.isPresent()) {
            return existing.get();
        }
        String attemptKey = keys.key("customer-attempt", user.toString());
        String failed = redis.opsForValue().get(attemptKey);
        if (failed != null) {
            Optional<String> found = searchAtStripe(user);
            if (found.isPresent()) {
                remember(user, found.get());
                return found.get();
            }
        }
        // No email or name: Checkout asks the payer for what Stripe needs (data minimisation).
        CustomerCreateParams params = CustomerCreateParams.builder().putMetadata(USER_METADATA, user.toString()).build();
        String idempotencyKey = "xaos-customer-" + user + (failed == null ? "" : "-" + failed);
        Customer customer;
        try {
            customer = stripe.call("create a Stripe customer",
                    client -> client.v1().customers().create(params, StripeApi.idempotent(idempotencyKey)));
        } catch (ProblemException e) {
            if (e.type() == ProblemType.BAD_GATEWAY) {
                redis.opsForValue().increment(attemptKey);
                redis.expire(attemptKey, attemptMemory);
            }
            throw e;
        }
        remember(user, customer.getId());
        return customer.getId();
    }

    private Optional<String> searchAtStripe(UUID user) {
        CustomerSearchParams query = CustomerSearchParams.builder()
                .setQuery("metadata['" + USER_METADATA + "']:'" + user + "'").setLimit(10L).build();
        return stripe.call("look up the Stripe customer", client -> client.v1().customers().search(query).getData())
                .stream().min(Comparator.comparing(Customer::getCreated)).map(Customer::getId);
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

    /** Whether the user, or the customer, had their billing data erased. */
    public boolean erased(UUID user, String customerId) {
        return jdbc.sql("""
                        select exists (select 1 from erasures
                                       where user_id = :user or (stripe_customer_id = :customer))""")
                .param("user", user).param("customer", customerId).query(Boolean.class).single();
    }

    /** Forgets the user's customer and remembers the erasure; answers the customer id it had, if any. */
    @Transactional
    public Optional<String> forget(UUID user) {
        Optional<String> customer = jdbc.sql("delete from customers where user_id = ? returning stripe_customer_id")
                .param(user).query(String.class).optional();
        jdbc.sql("""
                        insert into erasures (user_id, stripe_customer_id) values (?, ?)
                        on conflict (user_id) do update set
                            stripe_customer_id = coalesce(erasures.stripe_customer_id, excluded.stripe_customer_id)""")
                .params(user, customer.orElse(null)).update();
        return customer;
    }
}
