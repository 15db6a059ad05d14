package io.xaostech.chat.message;

import io.xaostech.platform.security.BearerTokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A room's messages over REST: the history by message-id cursor, and sending without a WebSocket. */
@RestController
class MessageController {

    private final MessageService service;

    MessageController(MessageService service) {
        this.service = service;
    }

    /** {@code body} length is also checked against {@code xaos.chat.max-message-length} by the service. */
    record Outgoing(@Pattern(regexp = MessageService.CLIENT_MESSAGE_ID, message = "must be 1 to 64 letters, digits, '-' or '_'") String clientMessageId,
                    @NotBlank @Size(max = 20_000) String body) {
    }

    @PostMapping("/api/v1/chat/rooms/{room}/messages")
    ResponseEntity<Message> send(@PathVariable UUID room, @Valid @RequestBody Outgoing outgoing,
                                 @AuthenticationPrincipal Jwt user) {
        MessageService.Sent sent = service.send(room, BearerTokens.userId(user), outgoing.clientMessageId(),
                outgoing.body());
        return ResponseEntity.status(sent.created() ? HttpStatus.CREATED : HttpStatus.OK).body(sent.message());
    }

    record Edit(@NotBlank @Size(max = 20_000) String body) {
    }

    /** Edits one's own message; answers the message as it now is. */
    @PatchMapping("/api/v1/chat/rooms/{room}/messages/{id}")
    Message edit(@PathVariable UUID room, @PathVariable UUID id, @Valid @RequestBody Edit edit,
                 @AuthenticationPrincipal Jwt user) {
        service.edit(room, BearerTokens.userId(user), id, edit.body());
        return service.message(room, BearerTokens.userId(user), id);
    }

    /** Deletes a message (one's own, or anyone's for owners and moderators); deleting it again changes nothing. */
    @DeleteMapping("/api/v1/chat/rooms/{room}/messages/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID room, @PathVariable UUID id, @AuthenticationPrincipal Jwt user) {
        service.delete(room, BearerTokens.userId(user), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/chat/rooms/{room}/messages")
    List<Message> history(@PathVariable UUID room,
                          @RequestParam(required = false) UUID before,
                          @RequestParam(required = false) UUID after,
                          @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
                          @AuthenticationPrincipal Jwt user) {
        return service.history(room, BearerTokens.userId(user), before, after, limit);
    }
}
