package io.xaostech.platform.test;

import io.xaostech.common.service.XaosService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

/**
 * Points every Spring test context of a service at the run's real infrastructure (see
 * {@link TestInfrastructure}): its own database, its Redis keyspace, S3Proxy and a bucket name unique to the run,
 * and, but for account and the gateway, the {@link TestIssuer} as the token issuer.
 * Registered in {@code META-INF/spring.factories}, so a module only needs {@code platform-test} on its test path.
 */
public class XaosTestContextCustomizerFactory implements ContextCustomizerFactory {

    static final String SOURCE_NAME = "xaosTestInfrastructure";
    private static final String RESOURCE_SERVER_CLASS =
            "org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        return new InfrastructureCustomizer();
    }

    private static final class InfrastructureCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            ConfigurableEnvironment environment = context.getEnvironment();
            String name = environment.getProperty("xaos.platform.service");
            if (name == null) {
                return;
            }
            XaosService service = XaosService.of(name);
            String module = System.getProperty("xaos.test.module", service.moduleName());
            TestInfrastructure infra = TestInfrastructure.get();
            Map<String, Object> p = new LinkedHashMap<>();
            service.schema().ifPresent(schema -> {
                p.put("spring.datasource.url", infra.jdbcUrl(module));
                p.put("spring.datasource.username", infra.postgresUser());
                p.put("spring.datasource.password", infra.postgresPassword());
            });
            service.keyPrefix().ifPresent(prefix -> p.put("spring.data.redis.url", infra.redisUrl(prefix)));
            service.bucket().ifPresent(bucket -> {
                p.put("xaos.platform.s3.bucket", bucket + "-" + infra.runId());
                p.put("xaos.platform.s3.endpoint", infra.s3Endpoint());
                p.put("xaos.platform.s3.access-key", infra.s3AccessKey());
                p.put("xaos.platform.s3.secret-key", infra.s3SecretKey());
            });
            if (service != XaosService.ACCOUNT && service != XaosService.GATEWAY
                    && ClassUtils.isPresent(RESOURCE_SERVER_CLASS, getClass().getClassLoader())) {
                // Account signs its own tokens and the gateway's tests bring their own stand-in.
                p.put("xaos.security.issuer", TestIssuer.ISSUER);
                p.put("xaos.security.jwk-set-uri", TestIssuer.get().jwkSetUri());
                p.put("xaos.security.client.token-uri", TestIssuer.get().tokenUri());
                p.put("xaos.security.api-keys.resolve-uri", TestIssuer.get().apiKeyResolveUri());
            }
            MutablePropertySources sources = environment.getPropertySources();
            MapPropertySource source = new MapPropertySource(SOURCE_NAME, p);
            if (sources.contains("Inlined Test Properties")) {
                sources.addAfter("Inlined Test Properties", source);
            } else {
                sources.addFirst(source);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof InfrastructureCustomizer;
        }

        @Override
        public int hashCode() {
            return InfrastructureCustomizer.class.hashCode();
        }
    }
}
