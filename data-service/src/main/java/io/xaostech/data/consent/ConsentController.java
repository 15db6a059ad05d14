package io.xaostech.data.consent;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Role;
import io.xaostech.platform.security.BearerTokens;
import io.xaostech.platform.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A signed-in user's consents: read by them (or an administrator), changed only by them. The {@code Sec-GPC: 1}
 * header is honoured on every change.
 */
@RestController
class ConsentController {

    private final ConsentService service;

    ConsentController(ConsentService service) {
        this.service = service;
    }

    record ChoiceBody(@NotBlank @Size(max = 64) String purpose, @NotNull Decision decision,
                      @NotNull @Min(1) Integer noticeVersion) {
    }

    record Decisions(@NotNull Method method, @NotEmpty @Size(max = 50) List<@Valid @NotNull ChoiceBody> choices) {
    }

    @GetMapping("/api/v1/data/users/{userId}/consents")
    List<PurposeConsent> current(@PathVariable UUID userId, @AuthenticationPrincipal Jwt caller) {
        return service.current(readable(userId, caller));
    }

    @PutMapping("/api/v1/data/users/{userId}/consents")
    ConsentService.Change change(@PathVariable UUID userId, @Valid @RequestBody Decisions body,
                                 @RequestHeader(value = "Sec-GPC", required = false) String gpc,
                                 @RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent,
                                 @AuthenticationPrincipal Jwt caller, HttpServletRequest request) {
        if (!userId.equals(BearerTokens.userId(caller))) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the person themself decides about their consent.");
        }
        return record(service, Subject.user(userId), body, gpc, userAgent, request, userId.toString());
    }

    /** Records a change as the request asked for it (shared with visitors' changes). */
    static ConsentService.Change record(ConsentService service, Subject subject, Decisions body, String gpc,
                                        String userAgent, HttpServletRequest request, String actor) {
        if (body.method() == Method.GPC) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "method GPC is set by the Sec-GPC header, not chosen.");
        }
        return service.record(subject, body.choices().stream()
                        .map(c -> new ConsentService.Choice(c.purpose(), c.decision(), c.noticeVersion())).toList(),
                body.method(), "1".equals(gpc == null ? null : gpc.strip()), ClientAddress.truncated(request.getRemoteAddr()),
                userAgent == null ? null : userAgent.substring(0, Math.min(300, userAgent.length())), actor);
    }

    @GetMapping("/api/v1/data/users/{userId}/consents/history")
    List<ConsentRecord> history(@PathVariable UUID userId, @RequestParam(required = false) OffsetDateTime before,
                                @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
                                @AuthenticationPrincipal Jwt caller) {
        return service.history(readable(userId, caller), before, limit);
    }

    /** The user themself, or an administrator, may read. */
    private static Subject readable(UUID userId, Jwt caller) {
        if (!userId.equals(BearerTokens.userId(caller)) && !BearerTokens.hasRole(caller, Role.ADMIN)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "These are someone else's consents.");
        }
        return Subject.user(userId);
    }
}
