package io.xaostech.payments.billing;

import io.xaostech.common.page.Page;
import io.xaostech.common.page.PageRequest;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.payments.stripe.StripeEvent;
import io.xaostech.platform.jdbc.Pages;
import io.xaostech.platform.jdbc.Timestamps;
import io.xaostech.platform.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The invoice mirror. An invoice's state is replaced by a newer event's, or by one of the same second that does not
 * step back: draft, then open, then uncollectible, then paid or void (an uncollectible invoice may still be paid).
 */
@Component
class Invoices {

    /** Where an invoice status stands in its lifecycle, as SQL over the column named by %s. */
    private static final String STATUS_RANK =
            "(case %1$s when 'draft' then 0 when 'open' then 1 when 'uncollectible' then 2 else 3 end)";

    record InvoiceView(String id, String number, String status, long amountDue, long amountPaid, String currency,
                       Instant created, String hostedInvoiceUrl, String invoicePdf) {
    }

    private final JdbcClient jdbc;

    Invoices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void apply(UUID user, StripeEvent event) {
        String subscription = event.reference("subscription");
        if (subscription == null) {
            subscription = StripeEvent.text(event.object().path("parent").path("subscription_details"), "subscription");
        }
        jdbc.sql("""
                        insert into invoices as i (stripe_invoice_id, user_id, stripe_subscription_id, number, status,
                            currency, amount_due, amount_paid, hosted_invoice_url, invoice_pdf, stripe_created, state_created)
                        values (:id, :user, :subscription, :number, :status, :currency, :due, :paid, :hosted, :pdf,
                            :created, :stateCreated)
                        on conflict (stripe_invoice_id) do update set
                            user_id = coalesce(i.user_id, excluded.user_id), number = excluded.number,
                            status = excluded.status, amount_due = excluded.amount_due, amount_paid = excluded.amount_paid,
                            hosted_invoice_url = excluded.hosted_invoice_url, invoice_pdf = excluded.invoice_pdf,
                            state_created = excluded.state_created, updated_at = now()
                        where excluded.state_created > i.state_created
                           or (excluded.state_created = i.state_created
                               and rank(excluded.status) >= rank(i.status))""".replace("rank(excluded.status)",
                                STATUS_RANK.formatted("excluded.status")).replace("rank(i.status)",
                                STATUS_RANK.formatted("i.status")))
                .param("id", event.field("id")).param("user", user).param("subscription", subscription)
                .param("number", event.field("number")).param("status", limit(event.field("status"), 24, "open"))
                .param("currency", limit(event.field("currency"), 3, "xxx"))
                .param("due", event.number("amount_due")).param("paid", event.number("amount_paid"))
                .param("hosted", limit(event.field("hosted_invoice_url"), 2000, null))
                .param("pdf", limit(event.field("invoice_pdf"), 2000, null))
                .param("created", Timestamps.utc(Instant.ofEpochSecond(event.number("created"))))
                .param("stateCreated", event.created())
                .update();
    }

    Page<InvoiceView> of(UUID user, PageRequest page) {
        After after = After.decode(page.cursor());
        List<InvoiceView> rows = jdbc.sql("""
                        select stripe_invoice_id, number, status, amount_due, amount_paid, currency, stripe_created,
                               hosted_invoice_url, invoice_pdf
                        from invoices where user_id = :user
                          and (stripe_created, stripe_invoice_id) < (:created, :id)
                        order by stripe_created desc, stripe_invoice_id desc limit :limit""")
                .param("user", user).param("created", Timestamps.utc(after.created())).param("id", after.id())
                .param("limit", page.limit() + 1)
                .query((rs, i) -> new InvoiceView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getString(6), Timestamps.instant(rs, "stripe_created"), rs.getString(8),
                        rs.getString(9)))
                .list();
        return Pages.of(rows, page.limit(), v -> new After(v.created(), v.id()).encode(), v -> v);
    }

    /** How many invoices of the user are kept. */
    int count(UUID user) {
        return jdbc.sql("select count(*) from invoices where user_id = ?").param(user).query(Integer.class).single();
    }

    private static String limit(String value, int max, String fallback) {
        return value == null ? fallback : value.length() > max ? value.substring(0, max) : value;
    }

    /** Where a page of invoices ends: the last invoice's creation time and id. */
    private record After(Instant created, String id) {

        static After decode(String cursor) {
            if (cursor == null) {
                return new After(Timestamps.LATEST, "~");
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(" ", 2);
                Instant created = Instant.ofEpochSecond(Long.parseLong(parts[0]));
                if (!Timestamps.isStorable(created)) {
                    throw new IllegalArgumentException("out of range");
                }
                return new After(created, parts[1]);
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException | java.time.DateTimeException e) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "The cursor is not one this API gave.",
                        Map.of("field", "cursor"));
            }
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((created.getEpochSecond() + " " + id).getBytes(StandardCharsets.UTF_8));
        }
    }
}
