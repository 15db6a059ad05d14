package io.xaostech.platform.events;

import io.xaostech.common.event.EventEnvelope;
import io.xaostech.common.event.Topics;
import io.xaostech.platform.dependency.DependencyFailures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisStreamCommands.XClaimOptions;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the platform's event streams as the service's consumer group (one group per service, so every instance
 * shares the work and each event is handled once per service) and hands each event to its {@link EventHandler}.
 * An event is acknowledged only after its handler returned; one whose handler failed stays pending and is
 * claimed again after {@code retryAfter}, up to {@code maxDeliveries} times, then logged as given up.
 * Non-blocking reads on a fixed delay, so the shared Redis connection is never held by a blocking command.
 */
public class EventConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);
    private static final int BATCH = 50;

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Map<String, Map<String, EventHandler<?>>> handlers;
    private final String group;
    private final String consumer = "c-" + UUID.randomUUID();
    private final Duration pollInterval;
    private final Duration retryAfter;
    private final int maxDeliveries;
    private final DependencyFailures failures;
    private final Set<String> groupsKnown = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService executor;

    public EventConsumer(StringRedisTemplate redis, JsonMapper json, List<EventHandler<?>> handlers, String group,
                         Duration pollInterval, Duration retryAfter, int maxDeliveries, DependencyFailures failures) {
        this.failures = failures;
        this.redis = redis;
        this.json = json;
        this.handlers = handlers.stream().collect(Collectors.groupingBy(EventHandler::topic,
                Collectors.toMap(EventHandler::type, h -> h)));
        this.group = group;
        this.pollInterval = pollInterval;
        this.retryAfter = retryAfter;
        this.maxDeliveries = maxDeliveries;
    }

    /** Reads and handles what is waiting on every subscribed stream, retried events included; for tests too. */
    public void poll() {
        for (String stream : handlers.keySet()) {
            try {
                ensureGroup(stream);
                retryPending(stream);
                List<MapRecord<String, Object, Object>> records = redis.opsForStream().read(
                        Consumer.from(group, consumer), StreamReadOptions.empty().count(BATCH),
                        StreamOffset.create(stream, ReadOffset.lastConsumed()));
                if (records != null) {
                    records.forEach(record -> deliver(stream, record));
                }
            } catch (DataAccessException e) {
                if (String.valueOf(e.getMostSpecificCause().getMessage()).contains("NOGROUP")) {
                    // Redis lost the stream and its group (restarted empty, flushed): make the group again on the
                    // next poll, from the new stream's start, so nothing published since is missed.
                    groupsKnown.remove(stream);
                    log.warn("The consumer group of {} is gone (Redis lost its data?); creating it again", stream);
                } else {
                    log.warn("Cannot read events from {}: {}", stream, e.getMostSpecificCause().toString());
                }
            }
        }
    }

    private void retryPending(String stream) {
        var pending = redis.opsForStream().pending(stream, group, Range.unbounded(), BATCH);
        for (PendingMessage message : pending) {
            if (message.getElapsedTimeSinceLastDelivery().compareTo(retryAfter) < 0) {
                continue;
            }
            if (message.getTotalDeliveryCount() >= maxDeliveries) {
                failures.recordSevere("events", "dropped", "handle event " + message.getIdAsString() + " of " + stream
                        + " (given up after " + message.getTotalDeliveryCount() + " deliveries)", null);
                redis.opsForStream().acknowledge(stream, group, message.getId());
                continue;
            }
            List<MapRecord<String, Object, Object>> claimed = redis.opsForStream().claim(stream, group, consumer,
                    XClaimOptions.minIdle(retryAfter).ids(message.getId()));
            claimed.forEach(record -> deliver(stream, record));
        }
    }

    private void deliver(String stream, MapRecord<String, Object, Object> record) {
        Object type = record.getValue().get(Topics.FIELD_TYPE);
        EventHandler<?> handler = type == null ? null : handlers.get(stream).get(type.toString());
        try {
            if (handler != null) {
                handle(handler, String.valueOf(record.getValue().get(Topics.FIELD_ENVELOPE)));
            }
            redis.opsForStream().acknowledge(stream, group, record.getId());
        } catch (RuntimeException e) {
            failures.record("events", "retry-later", "handle event " + record.getId() + " (" + type + ") of " + stream, e);
        }
    }

    private <T> void handle(EventHandler<T> handler, String envelope) {
        JavaType type = json.getTypeFactory().constructParametricType(EventEnvelope.class, handler.payloadType());
        EventEnvelope<T> event = json.readValue(envelope, type);
        handler.handle(event);
    }

    private void ensureGroup(String stream) {
        if (groupsKnown.contains(stream)) {
            return;
        }
        try {
            // From the stream's start: events sent before this service first ran are still for it.
            redis.execute((RedisCallback<String>) connection -> connection.streamCommands().xGroupCreate(
                    redis.getStringSerializer().serialize(stream), group, ReadOffset.from("0"), true));
        } catch (DataAccessException e) {
            if (!String.valueOf(e.getMostSpecificCause().getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
        groupsKnown.add(stream);
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "event-consumer");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::pollSafely, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("Event polling failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
