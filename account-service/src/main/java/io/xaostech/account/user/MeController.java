package io.xaostech.account.user;

import io.xaostech.common.id.UserId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own account. */
@RestController
class MeController {

    private final AccountDeletion deletion;

    MeController(AccountDeletion deletion) {
        this.deletion = deletion;
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
