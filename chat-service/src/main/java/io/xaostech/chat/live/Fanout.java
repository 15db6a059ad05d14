package io.xaostech.chat.live;

import io.xaostech.chat.message.Message;
import io.xaostech.chat.message.MessageStored;
import io.xaostech.platform.redis.Keyspace;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.stream.StreamMessageListenerContainer;
import org.springframework.data.redis.stream.StreamMessageListenerContainer.StreamMessageListenerContainerOptions;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every stored message goes on one Redis Stream ({@code chat:fanout}, capped), and every instance reads that
 * stream from where it joined and hands each message to its own subscribers. So a message sent on any instance
 * reaches every subscriber on every instance; a subscriber that misses some (an instance or Redis restarting)
 * gets them from PostgreSQL, by sequence number, when the next one arrives or when it reconnects.
 */
@Component
class Fanout implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Fanout.class);
    private static final long MAX_LENGTH = 100_000;

    private final StringRedisTemplate redis;
    private final RedisConnectionFactory connections;
    private final JsonMapper json;
    private final Subscriptions subscriptions;
    private final String stream;
    private StreamMessageListenerContainer<String, MapRecord<String, String, String>> container;

    Fanout(StringRedisTemplate redis, RedisConnectionFactory connections, JsonMapper json, Subscriptions subscriptions,
           Keyspace keys) {
        this.redis = redis;
        this.connections = connections;
        this.json = json;
        this.subscriptions = subscriptions;
        this.stream = keys.key("fanout");
    }

    /** Runs after the message's transaction committed (the event is published then). */
    @EventListener
    void publish(MessageStored stored) {
        try {
            redis.opsForStream().add(StreamRecords.newRecord().in(stream)
                            .ofMap(Map.of("message", json.writeValueAsString(stored.message()))),
                    org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions.maxlen(MAX_LENGTH)
                            .approximateTrimming(true));
        } catch (RuntimeException e) {
            // Stored and acknowledged already: subscribers get it from PostgreSQL with the next message or on reconnect.
            log.warn("Message {} stored but not fanned out: {}", stored.message().id(), e.toString());
        }
    }

    private void deliver(MapRecord<String, String, String> record) {
        try {
            subscriptions.deliver(json.readValue(record.getValue().get("message"), Message.class));
        } catch (RuntimeException e) {
            log.warn("Could not deliver fan-out record {}: {}", record.getId(), e.toString());
        }
    }

    @Override
    public synchronized void start() {
        StreamMessageListenerContainerOptions<String, MapRecord<String, String, String>> options =
                StreamMessageListenerContainerOptions.builder()
                        .pollTimeout(Duration.ofMillis(500))
                        .batchSize(200)
                        .serializer(redis.getStringSerializer())
                        .build();
        container = StreamMessageListenerContainer.create(connections, options);
        // Keep reading after a failed read (Redis restarting): the default would cancel the subscription for good.
        container.register(StreamMessageListenerContainer.StreamReadRequest
                .builder(StreamOffset.create(stream, ReadOffset.latest()))
                .cancelOnError(e -> false)
                .errorHandler(e -> log.warn("Fan-out read failed (retrying): {}", e.toString()))
                .build(), this::deliver);
        container.start();
    }

    @Override
    public synchronized void stop() {
        if (container != null) {
            container.stop();
            container = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return container != null && container.isRunning();
    }
}
