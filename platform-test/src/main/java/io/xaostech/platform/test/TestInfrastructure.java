package io.xaostech.platform.test;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the real PostgreSQL, Redis and S3 a test run uses, once per JVM:
 * <ol>
 *   <li>the servers named by {@code XAOS_TEST_POSTGRES_URL} / {@code XAOS_TEST_REDIS_URL}, if set;</li>
 *   <li>else PostgreSQL and Redis on localhost, if they answer;</li>
 *   <li>else containers started by Testcontainers, if Docker is available;</li>
 *   <li>else a failure that says what to start.</li>
 * </ol>
 * S3 is always S3Proxy, in this JVM. Each module gets its own database and bucket names, and its Redis keyspace
 * is emptied before its first test.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final String POSTGRES_ENV = "XAOS_TEST_POSTGRES_URL";
    private static final String REDIS_ENV = "XAOS_TEST_REDIS_URL";
    private static final String LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432";
    private static final String LOCAL_REDIS = "redis://127.0.0.1:6379/1";

    private static TestInfrastructure instance;

    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final Set<String> preparedDatabases = new HashSet<>();
    private final Set<String> clearedKeyspaces = new HashSet<>();
    private TestPostgres postgres;
    private TestRedis redis;
    private TestS3 s3;

    private TestInfrastructure() {
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = new TestInfrastructure();
        }
        return instance;
    }

    /** Short random id of this test run, used to make bucket names unique. */
    public String runId() {
        return runId;
    }

    /** JDBC URL of this module's own database, created empty on first use in this run. */
    public synchronized String jdbcUrl(String module) {
        String database = "xaos_test_" + module.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        TestPostgres pg = postgres();
        if (preparedDatabases.add(database)) {
            pg.recreateDatabase(database);
        }
        return pg.jdbcUrl(database);
    }

    public synchronized String postgresUser() {
        return postgres().user();
    }

    public synchronized String postgresPassword() {
        return postgres().password();
    }

    /** Redis URL for this run; the keyspace is emptied the first time it is asked for. */
    public synchronized String redisUrl(String keyPrefix) {
        TestRedis r = redis();
        if (keyPrefix != null && clearedKeyspaces.add(keyPrefix)) {
            r.clearKeyspace(keyPrefix);
        }
        return r.url();
    }

    public synchronized String s3Endpoint() {
        if (s3 == null) {
            s3 = TestS3.start();
        }
        return s3.endpoint().toString();
    }

    public String s3AccessKey() {
        return TestS3.ACCESS_KEY;
    }

    public String s3SecretKey() {
        return TestS3.SECRET_KEY;
    }

    private TestPostgres postgres() {
        if (postgres == null) {
            postgres = locate("PostgreSQL", POSTGRES_ENV,
                    () -> TestPostgres.parse(System.getenv().getOrDefault(POSTGRES_ENV, LOCAL_POSTGRES)),
                    TestPostgres::reachable, Containers::postgres,
                    "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
        }
        return postgres;
    }

    private TestRedis redis() {
        if (redis == null) {
            redis = locate("Redis", REDIS_ENV,
                    () -> new TestRedis(System.getenv().getOrDefault(REDIS_ENV, LOCAL_REDIS)),
                    TestRedis::reachable, Containers::redis,
                    "redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save \"\" --appendonly no");
        }
        return redis;
    }

    private static <T> T locate(String what, String env, Supplier<T> configured,
                                java.util.function.Predicate<T> reachable, Supplier<T> container, String startHint) {
        T candidate = configured.get();
        if (reachable.test(candidate)) {
            log.info("Tests use {} at {}", what, candidate);
            return candidate;
        }
        if (System.getenv(env) != null) {
            throw new IllegalStateException(what + " named by " + env + " does not answer: " + candidate);
        }
        if (Containers.dockerAvailable()) {
            log.info("{} not reachable on localhost; starting a container", what);
            return container.get();
        }
        throw new IllegalStateException("Tests need a real " + what + ", and none was found: nothing answers on "
                + "localhost, " + env + " is not set and Docker is not available. Start one (for example: "
                + startHint + "), or set " + env + ", or start Docker.");
    }
}
