package io.xaostech.platform.security;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * This service's own access token for calling other services' {@code /internal/**}: fetched from account with
 * client_credentials (scope {@code internal}) and reused until a minute before it expires (until half its life
 * for tokens living under two minutes). Thread-safe; concurrent callers wait for one fetch.
 */
public final class ServiceTokens {

    private final HttpClient http;
    private final ServiceClientProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private volatile Token current;

    private record Token(String value, Instant refreshAt) {
    }

    public ServiceTokens(ServiceClientProperties properties, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    /** A valid access token; throws {@link IllegalStateException} when account refuses or cannot be reached. */
    public String token() {
        Token token = current;
        if (token != null && clock.instant().isBefore(token.refreshAt())) {
            return token.value();
        }
        synchronized (this) {
            token = current;
            if (token == null || !clock.instant().isBefore(token.refreshAt())) {
                current = token = fetch();
            }
            return token.value();
        }
    }

    private Token fetch() {
        String credentials = URLEncoder.encode(properties.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(properties.clientSecret(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(properties.tokenUri()).timeout(properties.timeout())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=internal"))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("account refused " + properties.clientId() + "'s token request: "
                        + response.statusCode());
            }
            JsonNode body = json.readTree(response.body());
            String value = body.path("access_token").asText("");
            if (value.isBlank()) {
                throw new IllegalStateException("account's token response carried no access_token");
            }
            long lifetime = body.path("expires_in").asLong(60);
            Instant now = clock.instant();
            return new Token(value, now.plusSeconds(Math.max(0, Math.max(lifetime / 2,
                    lifetime - 60))));
        } catch (IOException e) {
            throw new IllegalStateException("account's token endpoint unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for a service token", e);
        }
    }
}
