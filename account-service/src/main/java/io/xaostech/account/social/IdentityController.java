package io.xaostech.account.social;

import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's linked provider identities: list them, unlink one. */
@RestController
@Validated
class IdentityController {

    private final LinkedIdentities identities;

    IdentityController(LinkedIdentities identities) {
        this.identities = identities;
    }

    @GetMapping("/api/v1/account/me/identities")
    List<LinkedIdentities.LinkedIdentity> list(@AuthenticationPrincipal Jwt user) {
        return identities.of(UUID.fromString(user.getSubject()));
    }

    @DeleteMapping("/api/v1/account/me/identities/{provider}")
    ResponseEntity<Void> unlink(@AuthenticationPrincipal Jwt user, @PathVariable @Size(max = 32) String provider) {
        identities.unlink(UUID.fromString(user.getSubject()), provider);
        return ResponseEntity.noContent().build();
    }
}
