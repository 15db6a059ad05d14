package io.xaostech.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.http.XaosHeaders;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Role;
import io.xaostech.common.service.XaosService;
import io.xaostech.platform.web.Problems;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The contract every service of the platform keeps, run against each one booted on a random port with real
 * PostgreSQL, Redis and S3: health groups, its own schema, keyspace and bucket, problem details, metrics and
 * the architecture rules. A service's test extends this class and adds nothing unless it has more to check.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceContractTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected ApplicationContext context;

    @Autowired
    private Environment environment;

    protected XaosService service() {
        return XaosService.of(environment.getRequiredProperty("xaos.platform.service"));
    }

    @Test
    void readinessIsUpAndCoversOwnedStorage() {
        HttpResponse<String> response = management().get("/actuator/health/readiness", Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(response.body(), "$.status")).isEqualTo("UP");
        Map<String, Object> components = JsonPath.read(response.body(), "$.components");
        assertThat(components).containsKey("readinessState");
        assertThat(components.containsKey("db")).isEqualTo(service().schema().isPresent());
        assertThat(components.containsKey("redis")).isEqualTo(service().keyPrefix().isPresent());
        assertThat(components.containsKey("s3")).isEqualTo(service().bucket().isPresent());
    }

    @Test
    void livenessIsUp() {
        HttpResponse<String> response = management().get("/actuator/health/liveness", Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(response.body(), "$.status")).isEqualTo("UP");
    }

    @Test
    void probesAnswerOnTheServicePortItself() {
        assertThat(get("/readyz", Map.of()).statusCode()).isEqualTo(200);
        assertThat(get("/livez", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void flywayCreatedOwnSchemaWithItsTables() {
        if (service().schema().isEmpty()) {
            assertThat(context.containsBean("dataSource")).as("a service without a schema has no DataSource").isFalse();
            return;
        }
        StorageProbes.SchemaReport report = StorageProbes.schema(context, service().schema().orElseThrow());
        assertThat(report.schemaExists()).as("schema %s exists", service().schema().get()).isTrue();
        assertThat(report.tables()).contains("flyway_schema_history");
        assertThat(report.tables()).as("a first real table besides Flyway's history").hasSizeGreaterThan(1);
    }

    @Test
    void redisRoundTripStaysInOwnKeyspace() {
        if (service().keyPrefix().isEmpty()) {
            assertThat(context.containsBean("keyspace")).as("a service without a keyspace uses no Redis").isFalse();
            return;
        }
        String key = StorageProbes.redisRoundTrip(context, "contract-" + UUID.randomUUID());
        assertThat(key).startsWith(service().keyPrefix().get());
    }

    @Test
    void s3PutGetDeleteInOwnBucket() {
        if (service().bucket().isEmpty()) {
            assertThat(context.containsBean("ownedBucket")).as("a service without a bucket uses no S3").isFalse();
            return;
        }
        String bucket = StorageProbes.s3RoundTrip(context, "contract/" + UUID.randomUUID() + ".txt");
        assertThat(bucket).startsWith(service().bucket().get());
    }

    @Test
    void unknownPathIsNotFoundProblemWithRequestId() {
        String requestId = "contract-" + UUID.randomUUID();
        HttpResponse<String> response = get("/no/such/path-" + UUID.randomUUID(),
                Map.of(XaosHeaders.REQUEST_ID, requestId, "Accept", "application/json"));
        assertProblem(response, 404, ProblemType.NOT_FOUND);
        assertThat((String) JsonPath.read(response.body(), "$.requestId")).isEqualTo(requestId);
        assertThat((String) JsonPath.read(response.body(), "$.detail")).isEqualTo(Problems.NOT_FOUND_DETAIL);
        assertThat(response.headers().firstValue(XaosHeaders.REQUEST_ID)).hasValue(requestId);
    }

    @Test
    void malformedRequestIdIsReplacedWithAFreshOne() {
        // As an API client asks (a site answers a browser's unknown path with its HTML 404 page).
        HttpResponse<String> response = get("/no/such/path", Map.of(XaosHeaders.REQUEST_ID, "bad id with spaces",
                "Accept", "application/json"));
        String issued = response.headers().firstValue(XaosHeaders.REQUEST_ID).orElseThrow();
        assertThat(issued).isNotEqualTo("bad id with spaces");
        assertThat(XaosHeaders.isValidRequestId(issued)).isTrue();
        assertThat((String) JsonPath.read(response.body(), "$.requestId")).isEqualTo(issued);
    }

    @Test
    void wrongMethodIsMethodNotAllowedProblem() {
        HttpResponse<String> response = management().send(HttpRequest.newBuilder(management().uri("/actuator/health"))
                .DELETE().header("Accept", "application/json"));
        assertProblem(response, 405, ProblemType.METHOD_NOT_ALLOWED);
    }

    @Test
    void exposesPrometheusMetricsAndNoOtherActuatorEndpoints() {
        HttpResponse<String> metrics = management().get("/actuator/prometheus", Map.of());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes")
                .contains("application=\"" + service().moduleName() + "\"");
        for (String hidden : List.of("/actuator/env", "/actuator/beans", "/actuator/heapdump")) {
            assertThat(management().get(hidden, Map.of()).statusCode()).as(hidden).isEqualTo(404);
        }
        if (managementPort() != port) {
            assertThat(get("/actuator/prometheus", Map.of()).statusCode()).as("metrics stay off the public port")
                    .isEqualTo(404);
        }
    }

    /**
     * A GET on the service's own API that {@code user}, holding {@link #userApiRoles()}, may call (answering 200),
     * for the token checks of SECURITY-CHECKLIST 1–3; empty for a service without a bearer-token API of its own.
     */
    protected Optional<String> userApiPath(UUID user) {
        return Optional.empty();
    }

    protected Role[] userApiRoles() {
        return new Role[] {Role.USER};
    }

    @Test
    void onlyWellFormedTokensOfOurIssuerOpenTheApi() {
        UUID user = UUID.randomUUID();
        Optional<String> path = userApiPath(user);
        if (path.isEmpty()) {
            return;
        }
        TestIssuer issuer = TestIssuer.get();
        HttpResponse<String> proper = http().get(path.get(), Map.of("Authorization",
                "Bearer " + issuer.userToken(user, userApiRoles())));
        assertThat(proper.statusCode()).as("a proper token: " + proper.body()).isEqualTo(200);
        try (ForgedTokens forged = issuer.forgeries(user, userApiRoles())) {
            forged.refused().forEach((what, token) -> {
                HttpResponse<String> refused = http().get(path.get(), Map.of("Authorization", "Bearer " + token));
                assertThat(refused.statusCode()).as(what + ": " + refused.body()).isEqualTo(401);
                assertProblem(refused, 401, ProblemType.UNAUTHORIZED);
            });
            forged.acceptedAtTheSkew().forEach((what, token) -> assertThat(
                    http().get(path.get(), Map.of("Authorization", "Bearer " + token)).statusCode()).as(what).isEqualTo(200));
            assertThat(forged.attackerKeyFetches()).as("requests for keys the tokens named").isZero();
        }
    }

    @Test
    void codeStaysWithinItsOwnService() {
        ArchitectureRules.check(service());
    }

    @Test
    void migrationsTouchOnlyOwnSchema() {
        assertThat(ArchitectureRules.foreignSchemaReferences(service())).isEmpty();
    }

    protected void assertProblem(HttpResponse<String> response, int status, ProblemType type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat((String) JsonPath.read(response.body(), "$.type")).isEqualTo(type.uri().toString());
        assertThat((Integer) JsonPath.read(response.body(), "$.status")).isEqualTo(status);
        assertThat((String) JsonPath.read(response.body(), "$.detail")).isNotBlank();
        assertThat((String) JsonPath.read(response.body(), "$.requestId")).isNotBlank();
    }

    protected TestHttp http() {
        return new TestHttp(port);
    }

    /** Where actuator answers: the management port when the service has its own (the gateway), else its port. */
    protected TestHttp management() {
        return new TestHttp(managementPort());
    }

    private int managementPort() {
        return environment.getProperty("local.management.port", Integer.class, port);
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        return http().get(path, headers);
    }
}
