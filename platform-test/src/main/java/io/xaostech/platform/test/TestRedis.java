package io.xaostech.platform.test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A Redis server for tests; a module's tests start with its keyspace empty. */
record TestRedis(String url) {

    boolean reachable() {
        try (var connection = connect()) {
            return "PONG".equals(connection.sync().ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Removes every key of one keyspace, so a run does not see the previous run's data. */
    void clearKeyspace(String prefix) {
        try (var connection = connect()) {
            var redis = connection.sync();
            ScanIterator<String> keys = ScanIterator.scan(redis, ScanArgs.Builder.matches(prefix + "*").limit(500));
            List<String> batch = new ArrayList<>();
            while (keys.hasNext()) {
                batch.add(keys.next());
                if (batch.size() == 500) {
                    redis.unlink(batch.toArray(String[]::new));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                redis.unlink(batch.toArray(String[]::new));
            }
        }
    }

    private ClosingConnection connect() {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(Duration.ofSeconds(2));
        RedisClient client = RedisClient.create(uri);
        return new ClosingConnection(client, client.connect());
    }

    private record ClosingConnection(RedisClient client, StatefulRedisConnection<String, String> connection)
            implements AutoCloseable {

        io.lettuce.core.api.sync.RedisCommands<String, String> sync() {
            return connection.sync();
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }
}
