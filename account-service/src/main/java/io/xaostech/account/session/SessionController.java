package io.xaostech.account.session;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A user's own sign-in sessions, and the session check other services make (service token only). */
@RestController
class SessionController {

    private final Sessions sessions;

    SessionController(Sessions sessions) {
        this.sessions = sessions;
    }

    record SessionItem(UUID sid, String device, String clientIp, java.time.Instant createdAt,
                       java.time.Instant lastSeenAt, boolean current) {
    }

    record Validation(@NotNull UUID sid) {
    }

    record Validity(boolean active) {
    }

    @GetMapping("/api/v1/account/me/sessions")
    List<SessionItem> list(@AuthenticationPrincipal Jwt user) {
        String current = user.getClaimAsString(Sessions.SID_CLAIM);
        return sessions.activeOf(UUID.fromString(user.getSubject())).stream()
                .map(s -> new SessionItem(s.sid(), s.device(), s.clientIp(), s.createdAt(), s.lastSeenAt(),
                        s.sid().toString().equals(current)))
                .toList();
    }

    @DeleteMapping("/api/v1/account/me/sessions/{sid}")
    ResponseEntity<Void> end(@AuthenticationPrincipal Jwt user, @PathVariable UUID sid) {
        if (!sessions.end(UUID.fromString(user.getSubject()), sid)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No open session " + sid + ".", Map.of("sid", sid));
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/v1/account/me/sessions")
    ResponseEntity<Void> endAll(@AuthenticationPrincipal Jwt user) {
        sessions.endAllOf(UUID.fromString(user.getSubject()));
        return ResponseEntity.noContent().build();
    }

    /** The seed's validate-session, made safe: services ask with their own token whether a sid is still alive. */
    @PostMapping("/internal/sessions/validate")
    Validity validate(@Valid @RequestBody Validation validation) {
        return new Validity(sessions.isAlive(validation.sid()));
    }
}
