package io.xaostech.webfront.config;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** How the site calls the other services: bounded waits, no redirects followed, their problem details read. */
public final class BackendClients {

    private BackendClients() {
    }

    public static RestClient client(String baseUrl, Duration connect, Duration read) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(connect).followRedirects(HttpClient.Redirect.NEVER).build());
        requests.setReadTimeout(read);
        return RestClient.builder().baseUrl(baseUrl).requestFactory(requests).build();
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
