package io.xaostech.gateway.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.xaostech.common.security.Scopes;
import io.xaostech.gateway.config.GatewayProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** The gateway's own client_credentials token for account's {@code /internal/**}, reused until shortly before it expires. */
@Component
class ServiceToken {

    record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn) {
    }

    private record Held(String value, Instant renewAt) {
    }

    private final WebClient web;
    private final GatewayProperties.Auth settings;
    private final Clock clock;
    private final AtomicReference<Held> held = new AtomicReference<>();

    ServiceToken(WebClient web, GatewayProperties properties, Clock clock) {
        this.web = web;
        this.settings = properties.auth();
        this.clock = clock;
    }

    Mono<String> get() {
        Held current = held.get();
        if (current != null && clock.instant().isBefore(current.renewAt())) {
            return Mono.just(current.value());
        }
        return web.post().uri(settings.tokenUri())
                .headers(h -> h.setBasicAuth(settings.clientId(), settings.clientSecret()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials").with("scope", Scopes.INTERNAL))
                .retrieve()
                .bodyToMono(TokenResponse.class)
                .timeout(settings.callTimeout())
                .map(token -> {
                    long renewIn = Math.max(1, token.expiresIn() - Math.min(60, token.expiresIn() / 2));
                    held.set(new Held(token.accessToken(), clock.instant().plusSeconds(renewIn)));
                    return token.accessToken();
                });
    }

    /** Forgets the token (account refused it), so the next call fetches a new one. */
    void discard() {
        held.set(null);
    }
}
