package io.xaostech.data;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** data-service's REST API as the tests call it. */
public final class DataApi {

    private final TestHttp http;

    public DataApi(int port) {
        this.http = new TestHttp(port);
    }

    public HttpResponse<String> call(String method, String path, String token, String json, Map<String, String> headers) {
        return http.call(method, path, token, json, headers);
    }

    public HttpResponse<String> call(String method, String path, String token, String json) {
        return call(method, path, token, json, Map.of());
    }

    /** Whether a standing (a list, or a change's {@code consents}) allows the purpose. */
    public static boolean allowed(String body, String purpose) {
        String path = body.startsWith("[") ? "$" : "$.consents";
        return JsonPath.<List<Boolean>>read(body, path + "[?(@.purpose == '" + purpose + "')].allowed").get(0);
    }

    /** The current notice version of a purpose. */
    public int noticeVersion(String purpose) {
        List<Integer> versions = JsonPath.read(call("GET", "/api/v1/data/purposes", null, null).body(),
                "$[?(@.code == '" + purpose + "')].noticeVersion");
        return versions.get(0);
    }

    /** A consent change body: one choice per "purpose=DECISION", each under its purpose's current notice. */
    public String choices(String method, String... choices) {
        StringBuilder body = new StringBuilder("{\"method\":\"" + method + "\",\"choices\":[");
        for (int i = 0; i < choices.length; i++) {
            String[] parts = choices[i].split("=");
            body.append(i == 0 ? "" : ",").append("{\"purpose\":\"").append(parts[0]).append("\",\"decision\":\"")
                    .append(parts[1]).append("\",\"noticeVersion\":").append(noticeVersion(parts[0])).append('}');
        }
        return body.append("]}").toString();
    }
}
