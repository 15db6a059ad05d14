package io.xaostech.platform.config;

import io.xaostech.common.service.XaosService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Derives each service's defaults from its entry in the service catalogue, so nine services do not repeat the
 * same configuration: port, name, schema, keyspace, bucket, health groups, timeouts, exposure and shutdown.
 *
 * <p>The service names itself with {@code xaos.platform.service}. Everything set here has the lowest precedence:
 * a service's {@code application.yml}, the environment and test properties all override it.
 */
public class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

    public static final String SERVICE_PROPERTY = "xaos.platform.service";
    static final String SOURCE_NAME = "xaosPlatformDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String name = environment.getProperty(SERVICE_PROPERTY);
        if (name == null || environment.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaultsFor(XaosService.of(name))));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    static Map<String, Object> defaultsFor(XaosService service) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.application.name", service.moduleName());
        p.put("server.port", service.defaultPort());
        p.put("server.shutdown", "graceful");
        p.put("spring.lifecycle.timeout-per-shutdown-phase", "20s");
        // Forwarded headers are read by platform-support's TrustedProxies (servlet) and the gateway's own filters,
        // never by the server itself: on a detected cloud platform Boot would otherwise believe them from any
        // private address.
        p.put("server.forward-headers-strategy", "none");
        p.put("server.max-http-request-header-size", "16KB");
        p.put("spring.servlet.multipart.max-file-size", "10MB");
        p.put("spring.servlet.multipart.max-request-size", "11MB");
        p.put("server.tomcat.max-swallow-size", "2MB");
        p.put("spring.codec.max-in-memory-size", "1MB");
        p.put("logging.structured.format.console", "ecs");
        p.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        p.put("management.endpoint.health.probes.enabled", "true");
        // /livez and /readyz on the service's own port, also when actuator moves to a management port (gateway).
        p.put("management.endpoint.health.probes.add-additional-paths", "true");
        p.put("management.endpoint.health.show-components", "always");
        p.put("management.endpoint.health.show-details", "never");
        p.put("management.endpoint.health.group.liveness.include", "livenessState");
        p.put("management.metrics.tags.application", service.moduleName());
        p.put("management.prometheus.metrics.export.enabled", "true");
        // Spring Security observes every filter of every request (a third of a cached request's CPU in lingua's
        // benchmark); requests are still measured as a whole (http.server.requests).
        p.put("management.observations.enable.spring.security", "false");
        // Lettuce's per-command observation fails on a command cancelled before it was sent (a request that timed
        // out or whose client left): an ERROR "Context does not have an entry for key Timer$Sample" each time, and
        // a timer per Redis call on the gateway's hottest path. Redis time is still inside the request timers.
        p.put("management.observations.enable.lettuce", "false");

        List<String> readiness = new ArrayList<>(List.of("readinessState"));
        service.schema().ifPresent(schema -> {
            readiness.add("db");
            databaseDefaults(p, schema);
        });
        service.keyPrefix().ifPresent(prefix -> {
            readiness.add("redis");
            redisDefaults(p, prefix);
        });
        service.bucket().ifPresent(bucket -> {
            readiness.add("s3");
            s3Defaults(p, bucket);
        });
        p.put("management.endpoint.health.group.readiness.include", String.join(",", readiness));

        for (XaosService other : XaosService.values()) {
            p.put("xaos.services." + other.id() + ".url", "http://127.0.0.1:" + other.defaultPort());
        }
        // Tokens name account's issuer as clients see it (through the gateway); keys are fetched from account directly.
        p.put("xaos.security.issuer", "${XAOS_ACCOUNT_ISSUER:http://localhost:8080/auth}");
        p.put("xaos.security.jwk-set-uri", "${xaos.services.account.url}/oauth2/jwks");
        // Its own token for other services' /internal/**: account knows the same secret as XAOS_ACCOUNT_SECRET_<ID>.
        p.put("xaos.security.client.token-uri", "${xaos.services.account.url}/oauth2/token");
        p.put("xaos.security.client.client-id", "svc-" + service.id());
        p.put("xaos.security.api-keys.resolve-uri", "${xaos.services.account.url}/internal/api-keys/resolve");
        p.put("xaos.security.client.client-secret", "${XAOS_SERVICE_SECRET:dev-only-" + service.id() + "-secret}");
        return p;
    }

    private static void databaseDefaults(Map<String, Object> p, String schema) {
        // A dead database must fail a request in seconds, not after Hikari's 30 s default. Batched inserts (the
        // gateway's request log) go as multi-row statements: one execution instead of one per row.
        p.put("spring.datasource.url", "jdbc:postgresql://${XAOS_DB_HOST:127.0.0.1}:${XAOS_DB_PORT:5432}/"
                + "${XAOS_DB_NAME:xaostech}?connectTimeout=2&socketTimeout=30&tcpKeepAlive=true"
                + "&reWriteBatchedInserts=true");
        p.put("spring.datasource.username", "${XAOS_DB_USER:postgres}");
        p.put("spring.datasource.password", "${XAOS_DB_PASSWORD:}");
        p.put("spring.datasource.hikari.schema", schema);
        p.put("spring.datasource.hikari.maximum-pool-size", "8");
        p.put("spring.datasource.hikari.minimum-idle", "1");
        p.put("spring.datasource.hikari.connection-timeout", "2000");
        p.put("spring.datasource.hikari.validation-timeout", "1000");
        p.put("spring.flyway.schemas", schema);
        p.put("spring.flyway.default-schema", schema);
        p.put("spring.flyway.create-schemas", "true");
    }

    private static void redisDefaults(Map<String, Object> p, String prefix) {
        // Lettuce waits 60 s by default; a request path must not.
        p.put("spring.data.redis.url", "${XAOS_REDIS_URL:redis://127.0.0.1:6379/0}");
        p.put("spring.data.redis.timeout", "2s");
        p.put("spring.data.redis.connect-timeout", "1s");
        p.put("xaos.platform.redis.key-prefix", prefix);
    }

    private static void s3Defaults(Map<String, Object> p, String bucket) {
        p.put("xaos.platform.s3.bucket", bucket);
        p.put("xaos.platform.s3.endpoint", "${XAOS_S3_ENDPOINT:http://127.0.0.1:9000}");
        // Presigned links are for browsers: the S3 endpoint as they reach it (compose: the published MinIO port).
        p.put("xaos.platform.s3.public-endpoint", "${XAOS_S3_PUBLIC_ENDPOINT:${xaos.platform.s3.endpoint}}");
        p.put("xaos.platform.s3.region", "${XAOS_S3_REGION:us-east-1}");
        p.put("xaos.platform.s3.access-key", "${XAOS_S3_ACCESS_KEY:local-dev-access-key}");
        p.put("xaos.platform.s3.secret-key", "${XAOS_S3_SECRET_KEY:local-dev-secret-key}");
    }
}
