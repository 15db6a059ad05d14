package io.xaostech.account.user;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Password change (signed in) and reset (public, by mailed token). */
@RestController
class PasswordController {

    private final PasswordService passwords;

    PasswordController(PasswordService passwords) {
        this.passwords = passwords;
    }

    record PasswordChange(@NotNull @Size(max = 1024) String currentPassword, @NotNull @Size(max = 1024) String newPassword) {

        @Override
        public String toString() {
            return "PasswordChange[***]";
        }
    }

    record ResetRequest(@NotBlank @Email @Size(max = 320) String email) {
    }

    record Reset(@NotBlank @Size(max = 100) String token, @NotNull @Size(max = 1024) String newPassword) {

        @Override
        public String toString() {
            return "Reset[***]";
        }
    }

    @PostMapping("/api/v1/account/me/password")
    ResponseEntity<Void> change(@AuthenticationPrincipal Jwt user, @Valid @RequestBody PasswordChange change) {
        passwords.change(UUID.fromString(user.getSubject()), change.currentPassword(), change.newPassword());
        return ResponseEntity.noContent().build();
    }

    /** Always 202 with the same body, whether the address is known or not. */
    @PostMapping("/api/v1/account/password-resets")
    ResponseEntity<Map<String, String>> requestReset(@Valid @RequestBody ResetRequest request) {
        passwords.requestReset(request.email());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("status", "If the address has an account, a reset link is on its way."));
    }

    @PostMapping("/api/v1/account/password-resets/confirm")
    ResponseEntity<Void> reset(@Valid @RequestBody Reset reset) {
        passwords.reset(reset.token(), reset.newPassword());
        return ResponseEntity.noContent().build();
    }
}
