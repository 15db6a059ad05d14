package io.xaostech.payments.billing;

import io.xaostech.common.page.Page;
import io.xaostech.common.page.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** A user's billing records as a whole, for their data export and their erasure. */
@Component
public class BillingRecords {

    public record Export(boolean supporter, List<Subscriptions.SubscriptionView> subscriptions,
                         List<Invoices.InvoiceView> invoices, List<Ledger.EntryView> payments) {
    }

    /** What an erasure removed and what it kept (invoices and ledger rows: tax and bookkeeping law). */
    public record Erased(int subscriptionsRemoved, int entitlementsRemoved, int invoicesKept) {
    }

    private final Subscriptions subscriptions;
    private final Entitlements entitlements;
    private final Invoices invoices;
    private final Ledger ledger;

    BillingRecords(Subscriptions subscriptions, Entitlements entitlements, Invoices invoices, Ledger ledger) {
        this.subscriptions = subscriptions;
        this.entitlements = entitlements;
        this.invoices = invoices;
        this.ledger = ledger;
    }

    @Transactional(readOnly = true)
    public Export export(UUID user) {
        return new Export(entitlements.isSupporter(user), subscriptions.of(user),
                all(page -> invoices.of(user, page)), all(page -> ledger.of(user, page)));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Erased erase(UUID user) {
        return new Erased(subscriptions.forget(user), entitlements.forget(user), invoices.count(user));
    }

    private static <T> List<T> all(Function<PageRequest, Page<T>> pages) {
        List<T> items = new ArrayList<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<T> page = pages.apply(request);
            items.addAll(page.items());
            if (page.nextCursor() == null) {
                return items;
            }
            request = new PageRequest(PageRequest.MAX_LIMIT, page.nextCursor());
        }
    }
}
