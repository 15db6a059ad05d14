package io.xaostech.webfront.chat;

import io.xaostech.webfront.config.BackendClients;
import io.xaostech.webfront.config.WebfrontProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** chat-service's REST API as the pages use it, always with the visitor's token; failures are {@link BackendClients.Failure}. */
@Component
class ChatClient {

    record Room(UUID id, String kind, String name, String topic, UUID createdBy, Instant createdAt, long lastSeq) {
    }

    record Rooms(List<Room> items, String nextCursor) {
    }

    record Message(UUID id, long seq, String kind, UUID senderId, String body, Instant createdAt, Instant editedAt,
                   boolean deleted) {
    }

    record Member(UUID userId, String role) {
    }

    private static final String UNREACHABLE = "Chat cannot be reached just now; please try again in a moment.";

    private final RestClient chat;

    ChatClient(WebfrontProperties properties, @Value("${xaos.services.chat.url}") String chatUrl) {
        this.chat = BackendClients.client(chatUrl, properties.backendTimeout(), properties.backendTimeout());
    }

    /** The rooms the visitor is in ({@code publicRooms} false), or the public rooms anyone may join. */
    Rooms rooms(String token, boolean publicRooms) {
        return call(() -> chat.get().uri("/api/v1/chat/rooms?scope={scope}&limit=100", publicRooms ? "public" : "mine")
                .headers(h -> h.setBearerAuth(token)).retrieve().body(Rooms.class));
    }

    Room room(String token, UUID id) {
        return call(() -> chat.get().uri("/api/v1/chat/rooms/{id}", id).headers(h -> h.setBearerAuth(token))
                .retrieve().body(Room.class));
    }

    Room create(String token, boolean publicRoom, String name, String topic) {
        Map<String, Object> body = topic.isEmpty() ? Map.of("kind", publicRoom ? "PUBLIC" : "PRIVATE", "name", name)
                : Map.of("kind", publicRoom ? "PUBLIC" : "PRIVATE", "name", name, "topic", topic);
        return call(() -> chat.post().uri("/api/v1/chat/rooms").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(Room.class));
    }

    void join(String token, UUID id) {
        call(() -> chat.post().uri("/api/v1/chat/rooms/{id}/join", id).headers(h -> h.setBearerAuth(token))
                .retrieve().toBodilessEntity());
    }

    /** The newest messages of a room, oldest first, in their current state. */
    List<Message> newest(String token, UUID id, int limit) {
        return call(() -> chat.get().uri("/api/v1/chat/rooms/{id}/messages?limit={limit}", id, limit)
                .headers(h -> h.setBearerAuth(token)).retrieve().body(new ParameterizedTypeReference<List<Message>>() { }));
    }

    List<Member> members(String token, UUID id) {
        return call(() -> chat.get().uri("/api/v1/chat/rooms/{id}/members?limit=500", id)
                .headers(h -> h.setBearerAuth(token)).retrieve().body(new ParameterizedTypeReference<List<Member>>() { }));
    }

    /** Sends a message; the same {@code clientMessageId} again is stored once. */
    void send(String token, UUID id, String clientMessageId, String body) {
        call(() -> chat.post().uri("/api/v1/chat/rooms/{id}/messages", id).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("clientMessageId", clientMessageId, "body", body))
                .retrieve().toBodilessEntity());
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        return BackendClients.call(request, UNREACHABLE);
    }
}
