package io.xaostech.platform.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.xaostech.common.security.Audiences;
import java.net.MalformedURLException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Makes a servlet service with the resource-server starter on its classpath a resource server of account:
 * {@code /internal/**} for service tokens, {@code /api/**} for user tokens under the service's
 * {@link ApiAuthorization} rules (every request authenticated if it has none). Other paths (health probes,
 * the error page) are left to the service. Account itself brings its own key set (its signing keys), so the
 * remote one is made only when none exists.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({HttpSecurity.class, BearerTokenAuthenticationFilter.class})
@EnableConfigurationProperties({ResourceServerProperties.class, ServiceClientProperties.class, ApiKeyProperties.class})
public class ResourceServerAutoConfiguration {

    /** This service's own token for other services' {@code /internal/**}. */
    @Bean
    @ConditionalOnMissingBean
    ServiceTokens serviceTokens(ServiceClientProperties properties, tools.jackson.databind.json.JsonMapper json,
                                java.time.Clock clock) {
        return new ServiceTokens(properties, json, clock);
    }

    /** Who API keys presented to this service belong to (account's answers, cached briefly). */
    @Bean
    @ConditionalOnMissingBean
    ApiKeyResolver apiKeyResolver(ApiKeyProperties properties, ServiceTokens serviceTokens,
                                  tools.jackson.databind.json.JsonMapper json) {
        return new ApiKeyResolver(properties, serviceTokens, json);
    }

    /** Filter-chain orders: before any form-login chain a service may add. */
    public static final int INTERNAL_CHAIN_ORDER = 2;
    public static final int API_CHAIN_ORDER = 3;

    /**
     * Account's keys over HTTP: cached, fetched again on a token with an unknown key id but at most once per
     * refresh interval, with short timeouts and a size cap.
     */
    @Bean
    @ConditionalOnMissingBean
    JWKSource<SecurityContext> accountKeySet(ResourceServerProperties properties) throws MalformedURLException {
        int timeout = (int) properties.keySetTimeout().toMillis();
        return JWKSourceBuilder.create(properties.jwkSetUri().toURL(),
                        new DefaultResourceRetriever(timeout, timeout, 256 * 1024))
                .cache(properties.keySetCacheTtl().toMillis(), properties.keySetTimeout().toMillis())
                .rateLimited(properties.keySetRefreshInterval().toMillis())
                .retrying(false)
                .build();
    }

    @Bean
    @Order(INTERNAL_CHAIN_ORDER)
    SecurityFilterChain internalApiChain(HttpSecurity http, JWKSource<SecurityContext> keys,
                                         ResourceServerProperties properties) throws Exception {
        return BearerTokens.internalChain(http,
                BearerTokens.decoder(keys, properties.issuer().toString(), Audiences.INTERNAL));
    }

    @Bean
    @Order(API_CHAIN_ORDER)
    SecurityFilterChain publicApiChain(HttpSecurity http, JWKSource<SecurityContext> keys,
                                       ResourceServerProperties properties,
                                       ObjectProvider<ApiAuthorization> rules) throws Exception {
        return BearerTokens.apiChain(http, "/api/**",
                BearerTokens.decoder(keys, properties.issuer().toString(), Audiences.API),
                rules.getIfAvailable(() -> requests -> { }));
    }
}
