package io.xaostech.payments.billing;

import io.xaostech.common.page.Page;
import io.xaostech.common.page.PageRequest;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.jdbc.Pages;
import io.xaostech.platform.jdbc.Timestamps;
import io.xaostech.platform.web.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import io.xaostech.platform.jdbc.TransactionLocks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The append-only ledger (the table refuses updates and deletes). Each money movement is one row keyed by its kind
 * and a reference to what Stripe moved, so an event seen twice records it once.
 */
@Component
class Ledger {

    enum Kind { PAYMENT, REFUND, DISPUTE, FEE }

    record Entry(UUID user, Kind kind, long amountMinor, String currency, String reference, String paymentIntent,
                 String eventId, String description, Instant occurredAt) {
    }

    record EntryView(long id, String kind, long amount, String currency, String description, Instant occurredAt) {
    }

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the movement unless it already is; answers whether it was new. */
    boolean record(Entry entry) {
        return jdbc.sql("""
                        insert into ledger_entries (user_id, kind, amount_minor, currency, reference, payment_intent,
                            stripe_event_id, description, occurred_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (kind, reference) do nothing""")
                .params(entry.user(), entry.kind().name(), entry.amountMinor(), entry.currency(), entry.reference(),
                        entry.paymentIntent(), entry.eventId(), entry.description(), Timestamps.utc(entry.occurredAt()))
                .update() == 1;
    }

    /** Serialises, until the transaction ends, the work of everyone recording movements of this reference. */
    void lock(String reference) {
        TransactionLocks.lock(jdbc, "payments:ledger:" + reference);
    }

    /** What the refunds recorded for a charge add up to (a positive number). */
    long refunded(String chargeReference) {
        return jdbc.sql("""
                        select coalesce(-sum(amount_minor), 0) from ledger_entries
                        where kind = 'REFUND' and split_part(reference, '@', 1) = ?""")
                .param(chargeReference).query(Long.class).single();
    }

    /** Whose payment a payment intent was, as far as the ledger knows. */
    Optional<UUID> payerOf(String paymentIntent) {
        return paymentIntent == null ? Optional.empty() : jdbc.sql("""
                        select user_id from ledger_entries where payment_intent = ? and user_id is not null
                        order by id limit 1""")
                .param(paymentIntent).query(UUID.class).optional();
    }

    Page<EntryView> of(UUID user, PageRequest page) {
        long before = beforeId(page.cursor());
        List<EntryView> rows = jdbc.sql("""
                        select id, kind, amount_minor, currency, description, occurred_at from ledger_entries
                        where user_id = ? and id < ? order by id desc limit ?""")
                .params(user, before, page.limit() + 1)
                .query((rs, i) -> new EntryView(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), Timestamps.instant(rs, "occurred_at")))
                .list();
        return Pages.of(rows, page.limit(), v -> Long.toString(v.id()), v -> v);
    }

    private static long beforeId(String cursor) {
        if (cursor == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The cursor is not one this API gave.",
                    Map.of("field", "cursor"));
        }
    }
}
