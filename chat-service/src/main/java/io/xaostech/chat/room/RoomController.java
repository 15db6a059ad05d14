package io.xaostech.chat.room;

import io.xaostech.common.page.Page;
import io.xaostech.platform.security.BearerTokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Rooms over REST; every call needs a signed-in user. */
@RestController
@RequestMapping("/api/v1/chat/rooms")
class RoomController {

    private final RoomService service;

    RoomController(RoomService service) {
        this.service = service;
    }

    record NewRoom(@NotNull RoomKind kind, @NotBlank @Size(max = 100) String name, @Size(max = 500) String topic) {
    }

    record Direct(@NotNull UUID userId) {
    }

    record Invite(@NotNull UUID userId) {
    }

    record RoleChange(@NotNull RoomRole role) {
    }

    record ReadMarker(@NotNull @Min(0) Long seq) {
    }

    @PostMapping
    ResponseEntity<Room> create(@Valid @RequestBody NewRoom body, @AuthenticationPrincipal Jwt user) {
        Room room = service.create(BearerTokens.userId(user), body.kind(), body.name(), body.topic());
        return ResponseEntity.created(URI.create("/api/v1/chat/rooms/" + room.id())).body(room);
    }

    @PostMapping("/direct")
    Room direct(@Valid @RequestBody Direct body, @AuthenticationPrincipal Jwt user) {
        return service.direct(BearerTokens.userId(user), body.userId());
    }

    @GetMapping
    Page<Room> list(@RequestParam(defaultValue = "mine") @jakarta.validation.constraints.Pattern(regexp = "mine|public") String scope,
                    @RequestParam(defaultValue = "50") @Min(1) @Max(100) int limit,
                    @RequestParam(required = false) @Size(min = 1, max = 100) String cursor,
                    @AuthenticationPrincipal Jwt user) {
        return service.list(BearerTokens.userId(user), "public".equals(scope), cursor, limit);
    }

    @GetMapping("/{id}")
    Room get(@PathVariable UUID id, @AuthenticationPrincipal Jwt user) {
        return service.visible(id, BearerTokens.userId(user));
    }

    @PostMapping("/{id}/join")
    Room join(@PathVariable UUID id, @AuthenticationPrincipal Jwt user) {
        return service.join(id, BearerTokens.userId(user));
    }

    @PostMapping("/{id}/leave")
    ResponseEntity<Void> leave(@PathVariable UUID id, @AuthenticationPrincipal Jwt user) {
        service.leave(id, BearerTokens.userId(user));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/invites")
    ResponseEntity<Void> invite(@PathVariable UUID id, @Valid @RequestBody Invite body, @AuthenticationPrincipal Jwt user) {
        service.invite(id, BearerTokens.userId(user), body.userId());
        return ResponseEntity.noContent().build();
    }

    /** The caller's read marker: the newest event they have seen (moves forward only). */
    @PutMapping("/{id}/read")
    ResponseEntity<Void> read(@PathVariable UUID id, @Valid @RequestBody ReadMarker body, @AuthenticationPrincipal Jwt user) {
        service.markRead(id, BearerTokens.userId(user), body.seq());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/members")
    List<Member> members(@PathVariable UUID id, @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit,
                         @AuthenticationPrincipal Jwt user) {
        return service.members(id, BearerTokens.userId(user), limit);
    }

    @PutMapping("/{id}/members/{userId}/role")
    ResponseEntity<Void> role(@PathVariable UUID id, @PathVariable UUID userId, @Valid @RequestBody RoleChange body,
                              @AuthenticationPrincipal Jwt user) {
        service.setRole(id, BearerTokens.userId(user), userId, body.role());
        return ResponseEntity.noContent().build();
    }
}
