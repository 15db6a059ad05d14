package io.xaostech.chat.room;

import io.xaostech.platform.security.BearerTokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Owners and moderators keeping a room civil: removing, muting and banning people. */
@RestController
@RequestMapping("/api/v1/chat/rooms/{id}")
class ModerationController {

    private final RoomService service;

    ModerationController(RoomService service) {
        this.service = service;
    }

    record Mute(@NotNull @Min(1) @Max(43_200) Integer minutes) {
    }

    record NewBan(@NotNull UUID userId) {
    }

    @DeleteMapping("/members/{userId}")
    ResponseEntity<Void> kick(@PathVariable UUID id, @PathVariable UUID userId, @AuthenticationPrincipal Jwt user) {
        service.kick(id, BearerTokens.userId(user), userId);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/members/{userId}/mute")
    ResponseEntity<Void> mute(@PathVariable UUID id, @PathVariable UUID userId, @Valid @RequestBody Mute body,
                              @AuthenticationPrincipal Jwt user) {
        service.mute(id, BearerTokens.userId(user), userId, Duration.ofMinutes(body.minutes()));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/members/{userId}/mute")
    ResponseEntity<Void> unmute(@PathVariable UUID id, @PathVariable UUID userId, @AuthenticationPrincipal Jwt user) {
        service.mute(id, BearerTokens.userId(user), userId, null);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/bans")
    ResponseEntity<Void> ban(@PathVariable UUID id, @Valid @RequestBody NewBan body, @AuthenticationPrincipal Jwt user) {
        service.ban(id, BearerTokens.userId(user), body.userId());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/bans/{userId}")
    ResponseEntity<Void> unban(@PathVariable UUID id, @PathVariable UUID userId, @AuthenticationPrincipal Jwt user) {
        service.unban(id, BearerTokens.userId(user), userId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/bans")
    List<Ban> bans(@PathVariable UUID id, @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit,
                   @AuthenticationPrincipal Jwt user) {
        return service.bans(id, BearerTokens.userId(user), limit);
    }
}
