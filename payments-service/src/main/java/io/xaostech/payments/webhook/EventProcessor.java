package io.xaostech.payments.webhook;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.xaostech.payments.billing.BillingEvents;
import io.xaostech.payments.config.PaymentsProperties;
import io.xaostech.payments.stripe.StripeEvent;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
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
public class EventProcessor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);

    private final ReceivedEvents events;
    private final BillingEvents billing;
    private final TransactionTemplate transactions;
    private final TransactionTemplate nested;
    private final JsonMapper json;
    private final PaymentsProperties.Processing settings;
    private final MeterRegistry meters;
    private final AtomicInteger backlog = new AtomicInteger();
    private ScheduledExecutorService rounds;

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

    /** Processes every event that is due, round after round until none is left; answers how many were processed. */
    public int drain() {
        int processed = 0;
        List<String> due;
        do {
            due = events.due(settings.batch(), settings.maxAttempts());
            for (String id : due) {
                processed += process(id) ? 1 : 0;
            }
        } while (due.size() == settings.batch());
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

    private void round() {
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

    @Override
    public synchronized void start() {
        rounds = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stripe-event-rounds");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.pollInterval().toMillis();
        rounds.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (rounds != null) {
            rounds.shutdown();
            try {
                rounds.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            rounds = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return rounds != null;
    }
}
