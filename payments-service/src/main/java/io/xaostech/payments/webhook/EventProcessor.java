package io.xaostech.payments.webhook;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.xaostech.payments.billing.BillingEvents;
import io.xaostech.payments.config.PaymentsProperties;
import io.xaostech.payments.stripe.StripeEvent;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Processes Stripe events: a new event in the transaction that stores it (so the webhook's answer follows its
 * effect by a few statements, with one commit), and in rounds anything left (a failure, a restart). The effect and
 * the event's "processed" mark run in a nested transaction (a savepoint): if the effect fails, only it is rolled
 * back, the event stays stored with its error, and a later round retries it with a growing delay, up to the
 * configured attempts. A round claims each event with a row lock that skips events another instance holds.
 */
@Component
public class EventProcessor {

    private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);

    private final ReceivedEvents events;
    private final BillingEvents billing;
    private final TransactionTemplate transactions;
    private final TransactionTemplate nested;
    private final JsonMapper json;
    private final PaymentsProperties.Processing settings;
    private final MeterRegistry meters;
    private final AtomicInteger backlog = new AtomicInteger();

    EventProcessor(ReceivedEvents events, BillingEvents billing, PlatformTransactionManager transactionManager,
                   JsonMapper json, PaymentsProperties properties, MeterRegistry meters) {
        this.events = events;
        this.billing = billing;
        this.transactions = new TransactionTemplate(transactionManager);
        this.nested = new TransactionTemplate(transactionManager);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.json = json;
        this.settings = properties.processing();
        this.meters = meters;
        Gauge.builder("payments.events.waiting", backlog, AtomicInteger::get)
                .description("Stripe events stored and not yet processed").register(meters);
    }

    /** Stores an event unless it is known, and processes it at once; answers whether it was new. */
    public boolean receive(StripeEvent event, String payload, ReceivedEvents.Source source) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            if (!events.store(event, payload, source)) {
                return false;
            }
            apply(event);
            return true;
        }));
    }

    /**
     * Processes the events that are due, batch after batch while a batch gets anything done (events another
     * instance holds are left to it); answers how many were processed.
     */
    public int drain() {
        int processed = 0;
        int done;
        List<String> due;
        do {
            due = events.due(settings.batch(), settings.maxAttempts());
            done = 0;
            for (String id : due) {
                done += process(id) ? 1 : 0;
            }
            processed += done;
        } while (due.size() == settings.batch() && done > 0);
        return processed;
    }

    /** Answers whether this call processed the event (false if it was done already, held elsewhere, or failed). */
    boolean process(String id) {
        return Boolean.TRUE.equals(transactions.execute(tx -> events.claim(id)
                .map(pending -> apply(StripeEvent.parse(json, pending.payload())))
                .orElse(false)));
    }

    /** The event's effect and its "processed" mark, or, if that fails, only the failure recorded. */
    private boolean apply(StripeEvent event) {
        try {
            nested.executeWithoutResult(tx -> {
                BillingEvents.Outcome outcome = billing.apply(event);
                events.processed(event.id(), outcome.user(), outcome.summary());
                if (outcome.forget()) {
                    events.redact(event.id());
                }
            });
            meters.counter("payments.events.processed", "result", "processed").increment();
            return true;
        } catch (RuntimeException e) {
            meters.counter("payments.events.processed", "result", "failed").increment();
            log.warn("Stripe event {} ({}) failed and will be retried: {}", event.id(), event.type(), e.toString());
            events.failed(event.id(), e.toString(), settings.retryDelay());
            return false;
        }
    }

    @Scheduled(initialDelayString = "${xaos.payments.processing.poll-interval:1s}",
            fixedDelayString = "${xaos.payments.processing.poll-interval:1s}")
    void round() {
        try {
            drain();
            ReceivedEvents.Backlog left = events.backlog(settings.maxAttempts());
            backlog.set((int) Math.min(Integer.MAX_VALUE, left.waiting()));
            if (left.givenUp() > 0) {
                log.error("{} Stripe events failed {} times and wait for an operator (stripe_events.last_error)",
                        left.givenUp(), settings.maxAttempts());
            }
        } catch (RuntimeException e) {
            log.warn("Processing round failed: {}", e.toString());
        }
    }

    /** Payloads are kept only as long as they may be needed to look into an event (personal data minimised). */
    @Scheduled(initialDelayString = "1m", fixedDelayString = "6h")
    void prunePayloads() {
        try {
            int pruned = events.prune(settings.payloadRetention());
            if (pruned > 0) {
                log.info("Dropped the payloads of {} Stripe events processed more than {} ago", pruned,
                        settings.payloadRetention());
            }
        } catch (RuntimeException e) {
            log.warn("Pruning event payloads failed: {}", e.toString());
        }
    }
}
