package io.xaostech.account.mfa;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A signed-in user's second factor: status, enrolment of an authenticator app, and turning it off. */
@RestController
class MfaController {

    private final Mfa mfa;

    MfaController(Mfa mfa) {
        this.mfa = mfa;
    }

    record Code(@NotBlank @Size(max = 32) String code) {
    }

    record Disabling(@Size(max = 1024) String password, @NotBlank @Size(max = 32) String code) {

        @Override
        public String toString() {
            return "Disabling[***]";
        }
    }

    @GetMapping("/api/v1/account/me/mfa")
    Mfa.Status status(@AuthenticationPrincipal Jwt user) {
        return mfa.status(UUID.fromString(user.getSubject()));
    }

    /** The seed, shown this once (as text and as an otpauth:// URI for a QR code); not in force until confirmed. */
    @PostMapping("/api/v1/account/me/mfa/totp")
    ResponseEntity<Mfa.Enrollment> start(@AuthenticationPrincipal Jwt user) {
        return ResponseEntity.created(URI.create("/api/v1/account/me/mfa")).body(mfa.start(UUID.fromString(user.getSubject())));
    }

    @PostMapping("/api/v1/account/me/mfa/totp/confirm")
    Map<String, List<String>> confirm(@AuthenticationPrincipal Jwt user, @Valid @RequestBody Code code) {
        return Map.of("recoveryCodes", mfa.confirm(UUID.fromString(user.getSubject()), code.code()));
    }

    @DeleteMapping("/api/v1/account/me/mfa/totp")
    ResponseEntity<Void> disable(@AuthenticationPrincipal Jwt user, @Valid @RequestBody Disabling disabling) {
        mfa.disable(UUID.fromString(user.getSubject()), disabling.password(), disabling.code());
        return ResponseEntity.noContent().build();
    }
}
