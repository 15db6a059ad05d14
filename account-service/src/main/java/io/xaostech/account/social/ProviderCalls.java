package io.xaostech.account.social;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * The HTTP client for calls to the sign-in providers (user info, the ID-token key set): only the configured
 * provider URLs are called, a redirect is never followed (SSRF, checklist line 18) and every call has a time
 * limit. Spring's defaults use {@code HttpURLConnection}, which follows redirects of GET requests; the token
 * endpoint is a POST sent through the JDK client, which follows none.
 */
@Configuration(proxyBeanMethods = false)
class ProviderCalls {

    private static final Duration CONNECT = Duration.ofSeconds(3);
    private static final Duration READ = Duration.ofSeconds(5);

    /** For the user-info endpoints of GitHub and Google. */
    @Bean
    RestTemplate providerRestTemplate() {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(CONNECT).followRedirects(HttpClient.Redirect.NEVER).build());
        factory.setReadTimeout(READ);
        RestTemplate rest = new RestTemplate(factory);
        rest.setErrorHandler(new RedirectsAreErrors());
        return rest;
    }

    /**
     * A redirect is an error like a 4xx or 5xx, so Spring's user service turns it into a failed sign-in
     * ({@code invalid_user_info_response}) rather than reading an empty body.
     */
    private static final class RedirectsAreErrors extends OAuth2ErrorResponseErrorHandler {

        @Override
        public boolean hasError(ClientHttpResponse response) throws IOException {
            return response.getStatusCode().is3xxRedirection() || super.hasError(response);
        }
    }

    /**
     * Verifies the ID tokens of OpenID Connect providers with keys fetched by the same client; taken by Spring's
     * OAuth2 login in place of its own factory. One decoder per provider, so its key set stays cached.
     */
    @Bean
    JwtDecoderFactory<ClientRegistration> idTokenDecoders(RestTemplate providerRestTemplate) {
        Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();
        return registration -> decoders.computeIfAbsent(registration.getRegistrationId(), id -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
                    .restOperations(providerRestTemplate).build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                    new OidcIdTokenValidator(registration)));
            return decoder;
        });
    }
}
