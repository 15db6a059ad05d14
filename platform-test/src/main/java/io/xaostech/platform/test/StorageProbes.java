package io.xaostech.platform.test;

import io.xaostech.platform.redis.Keyspace;
import io.xaostech.platform.s3.OwnedBucket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Round trips through a running service's own storage beans. Kept apart from the contract test so a service
 * without JDBC, Redis or S3 on its class path never loads those types.
 */
final class StorageProbes {

    private StorageProbes() {
    }

    record SchemaReport(boolean schemaExists, List<String> tables) {
    }

    static SchemaReport schema(ApplicationContext context, String schema) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Integer schemas = jdbc.queryForObject(
                "select count(*) from information_schema.schemata where schema_name = ?", Integer.class, schema);
        List<String> tables = jdbc.queryForList(
                "select table_name from information_schema.tables where table_schema = ? order by table_name",
                String.class, schema);
        return new SchemaReport(schemas != null && schemas == 1, tables);
    }

    /** Writes, reads and deletes one key; answers the key used. */
    static String redisRoundTrip(ApplicationContext context, String id) {
        StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
        String key = context.getBean(Keyspace.class).key("contract-test", id);
        redis.opsForValue().set(key, "value-" + id, Duration.ofMinutes(1));
        if (!("value-" + id).equals(redis.opsForValue().get(key))) {
            throw new AssertionError("Redis did not return what was written under " + key);
        }
        Long ttl = redis.getExpire(key);
        if (ttl == null || ttl <= 0) {
            throw new AssertionError("Key " + key + " has no TTL");
        }
        redis.delete(key);
        if (redis.hasKey(key)) {
            throw new AssertionError("Key " + key + " survived its deletion");
        }
        return key;
    }

    /** Puts, gets and deletes one object in the service's bucket; answers the bucket used. */
    static String s3RoundTrip(ApplicationContext context, String key) {
        S3Client s3 = context.getBean(S3Client.class);
        String bucket = context.getBean(OwnedBucket.class).name();
        byte[] content = ("contract " + key).getBytes(StandardCharsets.UTF_8);
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/plain"), RequestBody.fromBytes(content));
        byte[] read = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        if (!java.util.Arrays.equals(content, read)) {
            throw new AssertionError("S3 returned other bytes than were put under " + key);
        }
        s3.deleteObject(b -> b.bucket(bucket).key(key));
        try {
            s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            throw new AssertionError("Object " + key + " survived its deletion");
        } catch (NoSuchKeyException expected) {
            return bucket;
        }
    }
}
