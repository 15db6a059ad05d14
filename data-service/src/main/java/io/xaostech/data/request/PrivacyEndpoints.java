package io.xaostech.data.request;

import io.xaostech.platform.security.ServiceTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The other services' {@code /internal/privacy/export|erase/{userId}}, called with data-service's own token. */
@Component
class PrivacyEndpoints {

    /** The most an export part may be. */
    static final int MAX_PART_BYTES = 50 * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ServiceTokens tokens;
    private final Environment environment;

    PrivacyEndpoints(ServiceTokens tokens, Environment environment) {
        this.tokens = tokens;
        this.environment = environment;
    }

    /** The service's answer (JSON); throws with a reason on anything but 200. */
    byte[] call(String service, RequestKind kind, UUID user) {
        String base = environment.getRequiredProperty("xaos.services." + service + ".url");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/internal/privacy/"
                        + (kind == RequestKind.EXPORT ? "export/" : "erase/") + user))
                .timeout(TIMEOUT).header("Authorization", "Bearer " + tokens.token());
        request = kind == RequestKind.EXPORT ? request.GET() : request.POST(HttpRequest.BodyPublishers.noBody());
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(service + " answered " + response.statusCode());
            }
            if (response.body().length > MAX_PART_BYTES) {
                throw new IllegalStateException(service + "'s part is over " + MAX_PART_BYTES + " bytes");
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(service + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
