package io.xaostech.payments.webhook;

import io.xaostech.payments.stripe.StripeEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code stripe_events} table: every event once, with whether and how it was processed. */
@Component
public class ReceivedEvents {

    public enum Source { WEBHOOK, RECONCILIATION }

    record Pending(String id, String payload) {
    }

    private final JdbcClient jdbc;

    ReceivedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores an event unless it is already known; answers whether it was new. */
    public boolean store(StripeEvent event, String payload, Source source) {
        return jdbc.sql("""
                        insert into stripe_events (id, type, created, payload, source) values (?, ?, ?, ?, ?)
                        on conflict (id) do nothing""")
                .params(event.id(), event.type(), event.created(), payload, source.name())
                .update() == 1;
    }

    private static final String REDACTED = "{\"redacted\":true}";

    /** Events due for (another) attempt, oldest Stripe time first. */
    List<String> due(int limit, int maxAttempts) {
        return jdbc.sql("""
                        select id from stripe_events
                        where processed_at is null and next_attempt_at <= now() and attempts < ?
                        order by created, received_at limit ?""")
                .params(maxAttempts, limit).query(String.class).list();
    }

    /** The event, locked for this transaction, if it still waits and no one else holds it. */
    Optional<Pending> claim(String id) {
        return jdbc.sql("""
                        select id, payload from stripe_events
                        where id = ? and processed_at is null for update skip locked""")
                .param(id).query((rs, i) -> new Pending(rs.getString(1), rs.getString(2))).optional();
    }

    void processed(String id, UUID user, String outcome) {
        jdbc.sql("""
                        update stripe_events set processed_at = now(), user_id = ?, outcome = ?, attempts = attempts + 1,
                            last_error = null
                        where id = ?""")
                .params(user, outcome.length() > 200 ? outcome.substring(0, 200) : outcome, id).update();
    }

    /** Records a failed attempt; the next waits {@code firstDelay} doubled per attempt so far, at most an hour. */
    void failed(String id, String error, Duration firstDelay) {
        jdbc.sql("""
                        update stripe_events set attempts = attempts + 1, last_error = ?,
                            next_attempt_at = now() + make_interval(secs => least(3600, ? * power(2, attempts)))
                        where id = ? and processed_at is null""")
                .params(error.length() > 500 ? error.substring(0, 500) : error, (double) firstDelay.toSeconds(), id)
                .update();
    }

    /**
     * Replaces the stored payloads of the user's events, and of any naming their Stripe customer (which hold their
     * name, email or address), with a marker; the event ids stay, so a redelivery is still a duplicate. An event not
     * yet processed is closed as redacted: it concerns someone who is gone.
     */
    public int redact(UUID user, String customerId) {
        return jdbc.sql("""
                        update stripe_events set payload = :redacted,
                            processed_at = coalesce(processed_at, now()),
                            outcome = coalesce(outcome, 'redacted at erasure before processing')
                        where payload <> :redacted
                          and (user_id = :user or (cast(:customer as text) is not null and strpos(payload, :quoted) > 0))""")
                .param("redacted", REDACTED).param("user", user).param("customer", customerId)
                .param("quoted", "\"" + customerId + "\"").update();
    }

    /** Drops one event's payload (it concerns an erased user). */
    void redact(String id) {
        jdbc.sql("update stripe_events set payload = ? where id = ?").params(REDACTED, id).update();
    }

    /** Drops the payloads of events processed longer than {@code retention} ago: ids, types and outcomes stay. */
    int prune(Duration retention) {
        return jdbc.sql("""
                        update stripe_events set payload = ?
                        where processed_at < now() - make_interval(secs => ?) and payload <> ?""")
                .params(REDACTED, (double) retention.toSeconds(), REDACTED).update();
    }

    /** How many events wait, and how many were given up after every attempt (for health and metrics). */
    public record Backlog(long waiting, long givenUp) {
    }

    Backlog backlog(int maxAttempts) {
        return jdbc.sql("""
                        select count(*) filter (where attempts < ?), count(*) filter (where attempts >= ?)
                        from stripe_events where processed_at is null""")
                .params(maxAttempts, maxAttempts).query((rs, i) -> new Backlog(rs.getLong(1), rs.getLong(2))).single();
    }
}
