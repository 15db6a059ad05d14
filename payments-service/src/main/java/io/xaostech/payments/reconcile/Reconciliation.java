package io.xaostech.payments.reconcile;

import com.stripe.net.ApiResource;
import io.xaostech.payments.config.PaymentsProperties;
import io.xaostech.payments.stripe.StripeApi;
import io.xaostech.payments.stripe.StripeEvent;
import io.xaostech.payments.webhook.EventProcessor;
import io.xaostech.payments.webhook.ReceivedEvents;
import io.xaostech.platform.jdbc.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares us with Stripe on a schedule: lists Stripe's events since the last run (with an overlap, as Stripe may
 * list an event late), stores and processes those the webhook never brought, then compares Stripe's paid invoices
 * of the window with the mirror and the ledger. Each run's findings are kept in {@code reconciliation_runs}.
 */
@Service
public class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 200;

    /** One run's findings; {@code differences} name each disagreement between Stripe and us. */
    public record Report(long id, Instant startedAt, Instant finishedAt, Instant scannedFrom, Instant scannedTo,
                         int eventsSeen, int eventsRecovered, List<String> differences) {
    }

    private final StripeApi stripe;
    private final EventProcessor processor;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final PaymentsProperties.Reconciliation settings;

    Reconciliation(StripeApi stripe, EventProcessor processor, JdbcClient jdbc,
                   JsonMapper json, Clock clock, PaymentsProperties properties) {
        this.stripe = stripe;
        this.processor = processor;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.settings = properties.reconciliation();
    }

    @Scheduled(initialDelayString = "${xaos.payments.reconciliation.initial-delay:5m}",
            fixedDelayString = "${xaos.payments.reconciliation.interval:1h}")
    void scheduled() {
        if (!settings.enabled() || !stripe.configured()) {
            return;
        }
        try {
            Report report = run();
            if (!report.differences().isEmpty() || report.eventsRecovered() > 0) {
                log.warn("Reconciliation {}: recovered {} events; differences: {}", report.id(),
                        report.eventsRecovered(), report.differences());
            }
        } catch (RuntimeException e) {
            log.warn("Reconciliation failed: {}", e.toString());
        }
    }

    /** Runs once now (the schedule, or an administrator). */
    public synchronized Report run() {
        Instant started = clock.instant();
        long to = started.getEpochSecond();
        long from = jdbc.sql("select max(scanned_to) from reconciliation_runs").query(Long.class).optional()
                .map(last -> last - settings.overlap().toSeconds())
                .orElse(to - settings.lookback().toSeconds());
        List<String> differences = new ArrayList<>();
        int seen = 0;
        int recovered = 0;
        Listing listed = list("/v1/events", from, to, Map.of());
        if (listed.truncated()) {
            differences.add("Stripe listed more than " + (PAGE * MAX_PAGES) + " events since "
                    + Instant.ofEpochSecond(from) + "; the oldest were not scanned and the next run starts there again");
        }
        for (JsonNode event : listed.objects()) {
            seen++;
            String payload = json.writeValueAsString(event);
            try {
                StripeEvent parsed = StripeEvent.parse(json, payload);
                if (processor.receive(parsed, payload, ReceivedEvents.Source.RECONCILIATION)) {
                    recovered++;
                    differences.add("event " + parsed.id() + " (" + parsed.type() + ") had not reached the webhook");
                }
            } catch (IllegalArgumentException e) {
                differences.add("Stripe listed an event we cannot read: " + e.getMessage());
            }
        }
        processor.drain();
        differences.addAll(unprocessed());
        differences.addAll(compareInvoices(from, to));
        Instant finished = clock.instant();
        long id = jdbc.sql("""
                        insert into reconciliation_runs (started_at, finished_at, scanned_from, scanned_to, events_seen,
                            events_recovered, differences) values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(Timestamps.utc(started), Timestamps.utc(finished), from, listed.truncated() ? from : to, seen,
                        recovered,
                        json.writeValueAsString(differences))
                .query(Long.class).single();
        return new Report(id, started, finished, Instant.ofEpochSecond(from), Instant.ofEpochSecond(to), seen,
                recovered, differences);
    }

    public List<Report> recent(int limit) {
        return jdbc.sql("""
                        select id, started_at, finished_at, scanned_from, scanned_to, events_seen, events_recovered,
                               differences
                        from reconciliation_runs order by id desc limit ?""")
                .param(limit)
                .query((rs, i) -> new Report(rs.getLong(1), Timestamps.instant(rs, "started_at"),
                        Timestamps.instant(rs, "finished_at"), Instant.ofEpochSecond(rs.getLong(4)),
                        Instant.ofEpochSecond(rs.getLong(5)), rs.getInt(6), rs.getInt(7),
                        List.of(json.readValue(rs.getString(8), String[].class))))
                .list();
    }

    private List<String> unprocessed() {
        return jdbc.sql("""
                        select id, type, attempts, last_error from stripe_events
                        where processed_at is null order by created limit 50""")
                .query((rs, i) -> "event " + rs.getString(1) + " (" + rs.getString(2) + ") is not processed after "
                        + rs.getInt(3) + " attempts" + Optional.ofNullable(rs.getString(4)).map(e -> ": " + e).orElse(""))
                .list();
    }

    /** Stripe's paid invoices of the window against the mirror and the ledger. */
    private List<String> compareInvoices(long from, long to) {
        List<String> differences = new ArrayList<>();
        for (JsonNode invoice : list("/v1/invoices", from, to, Map.of("status", "paid")).objects()) {
            String id = StripeEvent.text(invoice, "id");
            long paid = invoice.path("amount_paid").asLong();
            Optional<String> status = jdbc.sql("select status from invoices where stripe_invoice_id = ?").param(id)
                    .query(String.class).optional();
            if (status.isEmpty()) {
                differences.add("invoice " + id + " is paid at Stripe but unknown here");
            } else if (!"paid".equals(status.get())) {
                differences.add("invoice " + id + " is paid at Stripe but " + status.get() + " here");
            }
            long recorded = jdbc.sql("select coalesce(sum(amount_minor), 0) from ledger_entries where kind = 'PAYMENT' "
                    + "and reference = ?").param("invoice:" + id).query(Long.class).single();
            if (paid > 0 && recorded != paid) {
                differences.add("invoice " + id + ": Stripe received " + paid + ", the ledger has " + recorded);
            }
        }
        return differences;
    }

    /** Objects of a Stripe list, newest first; {@code truncated} when the page bound stopped the listing. */
    private record Listing(List<JsonNode> objects, boolean truncated) {
    }

    /** Every object of a Stripe list created in [from, to], page by page (bounded). */
    private Listing list(String path, long from, long to, Map<String, String> filters) {
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> query = new LinkedHashMap<>(filters);
            query.put("created[gte]", Long.toString(from));
            query.put("created[lte]", Long.toString(to));
            query.put("limit", Integer.toString(PAGE));
            if (after != null) {
                query.put("starting_after", after);
            }
            String url = path + "?" + String.join("&", query.entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).toList());
            String body = stripe.call("list " + path, client -> client.rawRequest(ApiResource.RequestMethod.GET, url, null)
                    .body());
            JsonNode answer = json.readTree(body);
            JsonNode data = answer.path("data");
            data.forEach(all::add);
            if (!answer.path("has_more").asBoolean(false) || data.isEmpty()) {
                return new Listing(all, false);
            }
            after = StripeEvent.text(data.get(data.size() - 1), "id");
        }
        log.warn("Reconciliation stopped listing {} after {} pages", path, MAX_PAGES);
        return new Listing(all, true);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
