package io.xaostech.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpResponse;

/** chat-service's REST API as the tests call it. */
public final class ChatApi {

    private final TestHttp http;

    public ChatApi(int port) {
        this.http = new TestHttp(port);
    }

    /** Creates a room and answers its id. */
    public String createRoom(String token, String kind, String name) {
        HttpResponse<String> created = call("POST", "/api/v1/chat/rooms", token,
                "{\"kind\":\"" + kind + "\",\"name\":\"" + name + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JsonPath.read(created.body(), "$.id");
    }

    public HttpResponse<String> send(String token, String room, String clientId, String body) {
        return call("POST", "/api/v1/chat/rooms/" + room + "/messages", token, "{"
                + (clientId == null ? "" : "\"clientMessageId\":\"" + clientId + "\",")
                + "\"body\":\"" + body.replace("\"", "\\\"") + "\"}");
    }

    /** A page of the room's history (200 expected). */
    public String history(String token, String room, String query) {
        HttpResponse<String> history = call("GET", "/api/v1/chat/rooms/" + room + "/messages" + query, token, null);
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
        return history.body();
    }

    public HttpResponse<String> call(String method, String path, String token, String json) {
        return http.call(method, path, token, json);
    }
}
