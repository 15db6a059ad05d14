package io.xaostech.account.user;

import io.xaostech.common.id.UserId;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import jakarta.validation.constraints.NotBlank;
import java.time.Clock;
import java.util.UUID;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own account. */
@RestController
class MeController {

    private final AccountDeletion deletion;
    private final Users users;
    private final Clock clock;

    MeController(AccountDeletion deletion, Users users, Clock clock) {
        this.deletion = deletion;
        this.users = users;
        this.clock = clock;
    }

    record ProfileChange(@NotBlank @Size(max = 100) String displayName) {
    }

    @GetMapping("/api/v1/account/me")
    Users.Profile me(@AuthenticationPrincipal Jwt user) {
        return users.profile(UUID.fromString(user.getSubject())).orElseThrow(MeController::gone);
    }

    /** Changes what others see; the email address changes only through a verified flow (not offered yet). */
    @PatchMapping("/api/v1/account/me")
    Users.Profile change(@AuthenticationPrincipal Jwt user, @Valid @RequestBody ProfileChange change) {
        UUID id = UUID.fromString(user.getSubject());
        if (!users.rename(id, change.displayName().strip(), clock.instant())) {
            throw gone();
        }
        return users.profile(id).orElseThrow(MeController::gone);
    }

    private static ProblemException gone() {
        return new ProblemException(ProblemType.NOT_FOUND, "This account no longer exists or is disabled.");
    }

    record DeletionConfirmation(@NotNull @Size(max = 1024) String password) {

        @Override
        public String toString() {
            return "DeletionConfirmation[***]";
        }
    }

    @DeleteMapping("/api/v1/account/me")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt user, @Valid @RequestBody DeletionConfirmation confirmation) {
        deletion.delete(UserId.of(user.getSubject()), confirmation.password());
        return ResponseEntity.noContent().build();
    }
}
