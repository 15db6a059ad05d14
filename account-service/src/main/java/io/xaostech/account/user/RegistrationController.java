package io.xaostech.account.user;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Public sign-up and email verification (through the gateway, under its rate limits). */
@RestController
class RegistrationController {

    private final RegistrationService registrations;

    RegistrationController(RegistrationService registrations) {
        this.registrations = registrations;
    }

    record Registration(@NotBlank @Email @Size(max = 320) String email,
                        @NotBlank @Size(max = 100) String displayName,
                        @NotNull @Size(max = 1024) String password) {

        @Override
        public String toString() {
            return "Registration[email=" + email + "]";
        }
    }

    record Verification(@NotBlank @Size(max = 100) String token) {
    }

    /** Always 202 with the same body, whether or not the address already had an account. */
    @PostMapping("/api/v1/account/registrations")
    ResponseEntity<Map<String, String>> register(@Valid @RequestBody Registration registration) {
        registrations.register(registration.email(), registration.displayName(), registration.password());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("status", "Check your mailbox to continue."));
    }

    @PostMapping("/api/v1/account/email-verifications")
    ResponseEntity<Void> verify(@Valid @RequestBody Verification verification) {
        registrations.verifyEmail(verification.token());
        return ResponseEntity.noContent().build();
    }
}
