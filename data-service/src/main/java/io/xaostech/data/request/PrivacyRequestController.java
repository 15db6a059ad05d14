package io.xaostech.data.request;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Role;
import io.xaostech.platform.security.BearerTokens;
import io.xaostech.platform.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Privacy requests over REST: a person files for themself; an administrator may file on someone's behalf with a
 * note saying why. Both may follow it and download an export while it is offered.
 */
@RestController
class PrivacyRequestController {

    private final PrivacyRequestService service;

    PrivacyRequestController(PrivacyRequestService service) {
        this.service = service;
    }

    record Filing(@NotNull RequestKind kind, @Size(min = 3, max = 1000) String note) {
    }

    @PostMapping("/api/v1/data/users/{userId}/privacy-requests")
    ResponseEntity<PrivacyRequest> file(@PathVariable UUID userId, @Valid @RequestBody Filing filing,
                                        @AuthenticationPrincipal Jwt caller) {
        UUID me = BearerTokens.userId(caller);
        if (!me.equals(userId)) {
            if (!admin(caller)) {
                throw new ProblemException(ProblemType.FORBIDDEN, "People file privacy requests for themselves.");
            }
            if (filing.note() == null) {
                throw new ProblemException(ProblemType.UNPROCESSABLE,
                        "A request on someone's behalf needs a note saying why (note).");
            }
        }
        PrivacyRequest filed = service.file(userId, filing.kind(), me, filing.note());
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/data/privacy-requests/" + filed.id()))
                .body(filed);
    }

    @GetMapping("/api/v1/data/users/{userId}/privacy-requests")
    List<PrivacyRequest> of(@PathVariable UUID userId, @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
                            @AuthenticationPrincipal Jwt caller) {
        if (!BearerTokens.userId(caller).equals(userId) && !admin(caller)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "These are someone else's requests.");
        }
        return service.of(userId, limit);
    }

    @GetMapping("/api/v1/data/privacy-requests/{id}")
    PrivacyRequest get(@PathVariable UUID id, @AuthenticationPrincipal Jwt caller) {
        return visible(id, caller);
    }

    /** Sends the browser to a short-lived link of the export's bundle (303), while the export is offered. */
    @GetMapping("/api/v1/data/privacy-requests/{id}/export")
    ResponseEntity<Void> export(@PathVariable UUID id, @AuthenticationPrincipal Jwt caller) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create(service.downloadLink(visible(id, caller)))).build();
    }

    private PrivacyRequest visible(UUID id, Jwt caller) {
        PrivacyRequest request = service.view(id);
        if (!request.userId().equals(BearerTokens.userId(caller)) && !admin(caller)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No privacy request " + id + ".");
        }
        return request;
    }

    private static boolean admin(Jwt caller) {
        return BearerTokens.hasRole(caller, Role.ADMIN);
    }
}
