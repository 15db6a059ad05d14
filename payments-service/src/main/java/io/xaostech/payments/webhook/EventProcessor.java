package io.xaostech.payments.webhook;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.xaostech.payments.billing.BillingEvents;
import io.xaostech.payments.config.PaymentsProperties;
import io.xaostech.payments.stripe.StripeEvent;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Processes stored events: at once after the webhook answered (a small bounded pool; when it is full the event
 * simply waits for the next round) and in rounds for anything left (a restart, a failure). Each event is claimed
 * with a row lock that skips events another instance holds, and its effect commits with its "processed" mark; a
 * failure is retried later with a growing delay, up to the configured attempts.
 */
@Component
public class EventProcessor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);

    private final ReceivedEvents events;
    private final BillingEvents billing;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final PaymentsProperties.Processing settings;
    private final MeterRegistry meters;
    private final AtomicInteger backlog = new AtomicInteger();
    private ThreadPoolExecutor immediate;
    private ScheduledExecutorService rounds;

    EventProcessor(ReceivedEvents events, BillingEvents billing, TransactionTemplate transactions, JsonMapper json,
                   PaymentsProperties properties, MeterRegistry meters) {
        this.events = events;
        this.billing = billing;
        this.transactions = transactions;
        this.json = json;
        this.settings = properties.processing();
        this.meters = meters;
        Gauge.builder("payments.events.waiting", backlog, AtomicInteger::get)
                .description("Stripe events stored and not yet processed").register(meters);
    }

    /** Processes a just-stored event soon, on the pool, if it has room. */
    void soon(String id) {
        ThreadPoolExecutor pool = immediate;
        if (pool != null) {
            pool.execute(() -> process(id));
        }
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
        try {
            Boolean done = transactions.execute(tx -> events.claim(id).map(pending -> {
                BillingEvents.Outcome outcome = billing.apply(StripeEvent.parse(json, pending.payload()));
                events.processed(id, outcome.user(), outcome.summary());
                return true;
            }).orElse(false));
            if (Boolean.TRUE.equals(done)) {
                meters.counter("payments.events.processed", "result", "processed").increment();
            }
            return Boolean.TRUE.equals(done);
        } catch (RuntimeException e) {
            meters.counter("payments.events.processed", "result", "failed").increment();
            log.warn("Stripe event {} failed and will be retried: {}", id, e.toString());
            try {
                events.failed(id, e.toString(), settings.retryDelay());
            } catch (RuntimeException second) {
                log.warn("Could not record the failure of event {}: {}", id, second.toString());
            }
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
        immediate = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
                daemon("stripe-event"), new ThreadPoolExecutor.DiscardPolicy());
        rounds = Executors.newSingleThreadScheduledExecutor(daemon("stripe-event-rounds"));
        long every = settings.pollInterval().toMillis();
        rounds.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public synchronized void stop() {
        if (rounds != null) {
            rounds.shutdown();
            immediate.shutdown();
            try {
                immediate.awaitTermination(10, TimeUnit.SECONDS);
                rounds.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            rounds = null;
            immediate = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return rounds != null;
    }
}
