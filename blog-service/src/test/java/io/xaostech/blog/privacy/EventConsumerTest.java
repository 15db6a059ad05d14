package io.xaostech.blog.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.xaostech.common.event.EventEnvelope;
import io.xaostech.common.event.Topics;
import io.xaostech.common.event.UserDeleted;
import io.xaostech.common.id.EventId;
import io.xaostech.common.id.UserId;
import io.xaostech.platform.dependency.DependencyFailures;
import io.xaostech.platform.events.EventConsumer;
import io.xaostech.platform.events.EventHandler;
import io.xaostech.platform.test.TestInfrastructure;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The shared event consumer (platform-support) against real Redis: each event handled once, failures retried. */
class EventConsumerTest {

    private final DependencyFailures failures = new DependencyFailures(new SimpleMeterRegistry());

    private final String stream = Topics.STREAM_PREFIX + "test-" + UUID.randomUUID();
    private final JsonMapper json = JsonMapper.builder().build();
    private LettuceConnectionFactory factory;
    private StringRedisTemplate redis;

    @BeforeEach
    void connect() {
        URI url = URI.create(TestInfrastructure.get().redisUrl(null));
        RedisStandaloneConfiguration config = new RedisStandaloneConfiguration(url.getHost(), url.getPort());
        config.setDatabase(url.getPath().length() > 1 ? Integer.parseInt(url.getPath().substring(1)) : 0);
        factory = new LettuceConnectionFactory(config);
        factory.afterPropertiesSet();
        factory.start();
        redis = new StringRedisTemplate(factory);
    }

    @AfterEach
    void cleanUp() {
        redis.delete(stream);
        factory.destroy();
    }

    @Test
    void aFailedEventIsDeliveredAgainAndOthersAreNotRepeated() {
        List<UUID> handled = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(1);
        UUID failing = UUID.randomUUID();
        EventConsumer consumer = consumer(handled, failing, failuresLeft, 5);
        UUID first = UUID.randomUUID();
        publish(first);
        publish(failing);

        consumer.poll();
        assertThat(handled).containsExactly(first);
        consumer.poll();
        assertThat(handled).as("the failed one again, the handled one not").containsExactly(first, failing);
        consumer.poll();
        assertThat(handled).containsExactly(first, failing);
    }

    @Test
    void whenRedisLosesTheStreamAndItsGroupTheConsumerMakesThemAgainAndMissesNothingSent() {
        List<UUID> handled = new CopyOnWriteArrayList<>();
        EventConsumer consumer = consumer(handled, null, new AtomicInteger(), 5);
        UUID before = UUID.randomUUID();
        publish(before);
        consumer.poll();
        assertThat(handled).containsExactly(before);

        redis.delete(stream);  // as a Redis restarted without its data
        UUID afterRestart = UUID.randomUUID();
        publish(afterRestart);
        consumer.poll();  // finds the group gone
        consumer.poll();
        assertThat(handled).as("the event sent after the loss").containsExactly(before, afterRestart);
    }

    @Test
    void anEventThatKeepsFailingIsGivenUpAfterTheLimit() {
        List<UUID> handled = new CopyOnWriteArrayList<>();
        UUID poison = UUID.randomUUID();
        EventConsumer consumer = consumer(handled, poison, new AtomicInteger(Integer.MAX_VALUE), 3);
        publish(poison);
        for (int i = 0; i < 5; i++) {
            consumer.poll();
        }
        assertThat(redis.opsForStream().pending(stream, "blog").getTotalPendingMessages()).isZero();
        assertThat(handled).isEmpty();
        assertThat(failures.count("events", "retry-later")).as("each failure counted and logged").isEqualTo(3);
        assertThat(failures.count("events", "dropped")).as("and the giving up (checklist 23)").isEqualTo(1);
    }

    private EventConsumer consumer(List<UUID> handled, UUID failing, AtomicInteger failuresLeft, int maxDeliveries) {
        EventHandler<UserDeleted> handler = new EventHandler<>() {
            @Override
            public String topic() {
                return stream;
            }

            @Override
            public String type() {
                return UserDeleted.TYPE;
            }

            @Override
            public Class<UserDeleted> payloadType() {
                return UserDeleted.class;
            }

            @Override
            public void handle(EventEnvelope<UserDeleted> event) {
                UUID user = event.payload().userId().value();
                if (user.equals(failing) && failuresLeft.getAndDecrement() > 0) {
                    throw new IllegalStateException("handler failed");
                }
                handled.add(user);
            }
        };
        return new EventConsumer(redis, json, List.of(handler), "blog", Duration.ofSeconds(1), Duration.ZERO,
                maxDeliveries, failures);
    }

    private void publish(UUID user) {
        EventEnvelope<UserDeleted> event = new EventEnvelope<>(EventId.random(), UserDeleted.TYPE, 1, "account",
                user.toString(), Instant.now(), null, new UserDeleted(new UserId(user), Instant.now()));
        redis.opsForStream().add(StreamRecords.newRecord().in(stream).ofMap(Map.of(
                Topics.FIELD_TYPE, UserDeleted.TYPE, Topics.FIELD_ENVELOPE, json.writeValueAsString(event))));
    }
}
