package io.xaostech.webfront.config;

import io.xaostech.platform.web.OutboundHttp;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** How the site calls the other services: bounded waits, no redirects followed, their problem details read. */
public final class BackendClients {

    private BackendClients() {
    }

    /** Another service refused ({@code status} and its problem detail) or could not be reached ({@code status} 0). */
    public static final class Failure extends RuntimeException {
        private final int status;

        public Failure(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** The status of the page that reports it: the service's own refusal, else 503 (unreachable) or 502. */
        public HttpStatus pageStatus() {
            if (status == 0) {
                return HttpStatus.SERVICE_UNAVAILABLE;
            }
            HttpStatus resolved = HttpStatus.resolve(status);
            return resolved == null || resolved.is2xxSuccessful() ? HttpStatus.BAD_GATEWAY : resolved;
        }
    }

    public static RestClient client(String baseUrl, Duration connect, Duration read) {
        return RestClient.builder().baseUrl(baseUrl).requestFactory(OutboundHttp.requestFactory(connect, read)).build();
    }

    /** Runs a call, turning an error answer into a {@link Failure} with its detail and no answer into {@code unreachable}. */
    public static <T> T call(Supplier<T> request, String unreachable) {
        try {
            return request.get();
        } catch (HttpStatusCodeException e) {
            throw new Failure(e.getStatusCode().value(), detailOf(e));
        } catch (RestClientException e) {
            throw new Failure(0, unreachable);
        }
    }

    /** The problem detail of an error answer, or its status text when the body is not problem JSON. */
    public static String detailOf(HttpStatusCodeException e) {
        try {
            Map<?, ?> problem = e.getResponseBodyAs(Map.class);
            Object detail = problem == null ? null : problem.get("detail");
            return detail == null ? e.getStatusText() : String.valueOf(detail);
        } catch (RestClientException | IllegalStateException notJson) {
            return e.getStatusText();
        }
    }
}
