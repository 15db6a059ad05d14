package io.xaostech.account.consent;

import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A user's connected applications: list them, withdraw one. */
@RestController
class ConsentController {

    private final Consents consents;

    ConsentController(Consents consents) {
        this.consents = consents;
    }

    @GetMapping("/api/v1/account/me/consents")
    List<Consents.ConnectedApplication> list(@AuthenticationPrincipal Jwt user) {
        return consents.of(user.getSubject());
    }

    @DeleteMapping("/api/v1/account/me/consents/{clientId}")
    ResponseEntity<Void> withdraw(@AuthenticationPrincipal Jwt user, @PathVariable @Size(max = 100) String clientId) {
        consents.withdraw(user.getSubject(), clientId);
        return ResponseEntity.noContent().build();
    }
}
