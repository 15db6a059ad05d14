package io.xaostech.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.common.service.XaosService;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so it is read and held to the design: every service
 * of the catalogue, built from its module, health-checked on its readiness endpoint, started only once what it
 * needs is healthy, and configured through the same environment variables as the launcher.
 */
class ComposeFileTest {

    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(200);
        try (Reader reader = Files.newBufferedReader(Path.of("..", "docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml(options).load(reader);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @ParameterizedTest
    @EnumSource(XaosService.class)
    @SuppressWarnings("unchecked")
    void eachServiceIsBuiltFromItsModuleAndHealthChecked(XaosService service) {
        Map<String, Object> definition = services.get(service.moduleName());
        assertThat(definition).as(service.moduleName()).isNotNull();

        Map<String, Object> build = (Map<String, Object>) definition.get("build");
        assertThat((Map<String, Object>) build.get("args")).containsEntry("MODULE", service.moduleName());

        Map<String, Object> health = (Map<String, Object>) definition.get("healthcheck");
        assertThat((List<String>) health.get("test")).last()
                .isEqualTo("http://localhost:" + service.defaultPort() + "/readyz");
    }

    @ParameterizedTest
    @EnumSource(XaosService.class)
    @SuppressWarnings("unchecked")
    void eachServiceWaitsForHealthyInfrastructure(XaosService service) {
        Map<String, Map<String, String>> dependsOn =
                (Map<String, Map<String, String>>) services.get(service.moduleName()).get("depends_on");
        for (String infrastructure : List.of("postgres", "redis", "minio")) {
            assertThat(dependsOn.get(infrastructure)).as("%s -> %s", service, infrastructure)
                    .containsEntry("condition", "service_healthy");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void gatewayIsThePublicDoorAndStartsAfterEveryService() {
        Map<String, Object> gateway = services.get(XaosService.GATEWAY.moduleName());
        assertThat((List<String>) gateway.get("ports")).containsExactly("8080:8080");
        Map<String, Object> dependsOn = (Map<String, Object>) gateway.get("depends_on");
        for (XaosService service : XaosService.values()) {
            if (service != XaosService.GATEWAY) {
                assertThat(dependsOn).containsKey(service.moduleName());
                assertThat(services.get(service.moduleName())).doesNotContainKey("ports");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(XaosService.class)
    @SuppressWarnings("unchecked")
    void servicesAreConfiguredLikeTheLauncherDoes(XaosService service) {
        Map<String, String> env = (Map<String, String>) services.get(service.moduleName()).get("environment");
        assertThat(env).containsKeys("XAOS_DB_HOST", "XAOS_DB_NAME", "XAOS_DB_USER", "XAOS_DB_PASSWORD",
                "XAOS_REDIS_URL", "XAOS_S3_ENDPOINT", "XAOS_S3_ACCESS_KEY", "XAOS_S3_SECRET_KEY");
        for (XaosService other : XaosService.values()) {
            assertThat(env).containsEntry("XAOS_SERVICES_" + other.id().toUpperCase() + "_URL",
                    "http://" + other.moduleName() + ":" + other.defaultPort());
        }
    }

    @Test
    void bucketsOfTheCatalogueAreCreated() {
        String command = String.valueOf(services.get("minio-buckets").get("command"));
        for (XaosService service : XaosService.values()) {
            service.bucket().ifPresent(bucket -> assertThat(command).contains("local/" + bucket));
        }
    }
}
