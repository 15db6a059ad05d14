package io.xaostech.account.social;

import io.xaostech.platform.web.OutboundHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
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
        RestTemplate rest = new RestTemplate(OutboundHttp.requestFactory(CONNECT, READ));
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
            String keys = registration.getProviderDetails().getJwkSetUri();
            if (keys == null || keys.isBlank()) {
                throw new OAuth2AuthenticationException(new OAuth2Error("missing_signature_verifier",
                        "No key set is configured for " + id + ", so its ID tokens cannot be verified.", null));
            }
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(keys).restOperations(providerRestTemplate).build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                    new OidcIdTokenValidator(registration)));
            // As Spring's own factory: email_verified a Boolean, iss a URL, times Instants, whatever the JSON types.
            decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
            return decoder;
        });
    }
}
