package io.xaostech.payments.privacy;

import com.stripe.exception.InvalidRequestException;
import io.xaostech.payments.billing.BillingRecords;
import io.xaostech.payments.customer.Customers;
import io.xaostech.payments.stripe.StripeApi;
import io.xaostech.payments.webhook.ReceivedEvents;
import io.xaostech.platform.privacy.PersonalDataHooks;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Export and erasure of a user's billing data. The rule (docs/adr/010-payments.md): their Stripe customer is deleted
 * at Stripe (which ends any subscription, so nobody is billed after erasure) and forgotten here, their subscription
 * mirror and entitlement go, and the stored Stripe events that hold their name, email or address are redacted.
 * Invoices and ledger rows are kept on a legal ground (tax and bookkeeping law require them for years), tied only
 * to the now meaningless user id. Erasing twice changes nothing the second time.
 */
@Service
public class PersonalData implements PersonalDataHooks {

    private static final Logger log = LoggerFactory.getLogger(PersonalData.class);

    public record Export(UUID userId, String stripeCustomer, BillingRecords.Export billing) {
    }

    public record Erasure(UUID userId, boolean stripeCustomerDeleted, BillingRecords.Erased records,
                          int eventsRedacted, String kept) {
    }

    private final Customers customers;
    private final BillingRecords records;
    private final ReceivedEvents events;
    private final StripeApi stripe;
    private final TransactionTemplate transactions;

    PersonalData(Customers customers, BillingRecords records, ReceivedEvents events, StripeApi stripe,
                 TransactionTemplate transactions) {
        this.customers = customers;
        this.records = records;
        this.events = events;
        this.stripe = stripe;
        this.transactions = transactions;
    }

    @Override
    public Export export(UUID user) {
        return new Export(user, customers.find(user).orElse(null), records.export(user));
    }

    @Override
    public Erasure erase(UUID user) {
        Optional<String> customer = customers.find(user);
        if (customer.isPresent() && !stripe.configured()) {
            log.error("Erasing user {} without a Stripe API key: their Stripe customer {} was not deleted there, and "
                    + "a subscription it has goes on billing; delete it in the dashboard", user, customer.get());
        }
        boolean deletedAtStripe = customer.isPresent() && stripe.configured() && deleteAtStripe(customer.get());
        return transactions.execute(tx -> {
            customers.forget(user);
            BillingRecords.Erased erased = records.erase(user);
            int redacted = events.redact(user, customer.orElse(null));
            return new Erasure(user, deletedAtStripe, erased, redacted,
                    "invoices and ledger entries (legal obligation: tax and bookkeeping records)");
        });
    }

    /** Deletes the customer at Stripe; one already gone counts as deleted. A failure fails the erasure (retried). */
    private boolean deleteAtStripe(String customer) {
        return stripe.call("delete the Stripe customer", client -> {
            try {
                return Boolean.TRUE.equals(client.v1().customers().delete(customer).getDeleted());
            } catch (InvalidRequestException e) {
                if ("resource_missing".equals(e.getCode())) {
                    return true;
                }
                throw e;
            }
        });
    }
}
