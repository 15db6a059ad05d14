package io.xaostech.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.common.service.XaosService;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformDefaultsTest {

    @Test
    void readinessCoversExactlyTheStorageAServiceOwns() {
        assertThat(PlatformDefaults.defaultsFor(XaosService.BLOG))
                .containsEntry("management.endpoint.health.group.readiness.include", "readinessState,db,redis,s3");
        assertThat(PlatformDefaults.defaultsFor(XaosService.CHAT))
                .containsEntry("management.endpoint.health.group.readiness.include", "readinessState,db,redis");
        assertThat(PlatformDefaults.defaultsFor(XaosService.WEBFRONT))
                .containsEntry("management.endpoint.health.group.readiness.include", "readinessState,redis,s3");
        assertThat(PlatformDefaults.defaultsFor(XaosService.PORTFOLIO))
                .containsEntry("management.endpoint.health.group.readiness.include", "readinessState");
    }

    @Test
    void schemaIsUsedForFlywayAndTheConnectionSearchPath() {
        Map<String, Object> defaults = PlatformDefaults.defaultsFor(XaosService.PAYMENTS);
        assertThat(defaults).containsEntry("spring.flyway.schemas", "payments")
                .containsEntry("spring.flyway.default-schema", "payments")
                .containsEntry("spring.datasource.hikari.schema", "payments")
                .containsEntry("server.port", 8086);
    }

    @Test
    void deadDependenciesFailFast() {
        Map<String, Object> defaults = PlatformDefaults.defaultsFor(XaosService.ACCOUNT);
        assertThat(defaults).containsEntry("spring.datasource.hikari.connection-timeout", "2000")
                .containsEntry("spring.data.redis.timeout", "2s")
                .containsEntry("spring.data.redis.connect-timeout", "1s");
        assertThat((String) defaults.get("spring.datasource.url")).contains("connectTimeout=2")
                .contains("reWriteBatchedInserts=true");
    }

    @Test
    void servicesWithoutStorageGetNoStorageSettings() {
        assertThat(PlatformDefaults.defaultsFor(XaosService.PORTFOLIO).keySet())
                .noneMatch(k -> k.startsWith("spring.datasource") || k.startsWith("spring.data.redis")
                        || k.startsWith("xaos.platform.s3"));
    }

    @Test
    void everyServiceUrlHasALocalDefault() {
        Map<String, Object> defaults = PlatformDefaults.defaultsFor(XaosService.GATEWAY);
        for (XaosService service : XaosService.values()) {
            assertThat(defaults).containsEntry("xaos.services." + service.id() + ".url",
                    "http://127.0.0.1:" + service.defaultPort());
        }
    }
}
