package io.xaostech.account.user;

import io.xaostech.common.page.Page;
import io.xaostech.common.page.PageRequest;
import io.xaostech.common.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * User administration ({@code ADMIN} only, enforced by the security chain) and the internal call payments
 * uses to grant or withdraw the supporter role (service tokens only).
 */
@RestController
class AdminUserController {

    private final AdminUserService admin;

    AdminUserController(AdminUserService admin) {
        this.admin = admin;
    }

    record RolesChange(@NotNull @Size(max = 3) Set<@NotNull Role> roles) {
    }

    record RolesView(Set<Role> roles) {
    }

    @GetMapping("/api/v1/account/admin/users")
    Page<AdminUserService.UserSummary> search(@RequestParam(required = false) @Size(max = 100) String q,
                                              @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
                                              @RequestParam(required = false) @Size(max = 512) String cursor) {
        return admin.search(q, new PageRequest(limit, cursor));
    }

    @PostMapping("/api/v1/account/admin/users/{id}/disable")
    ResponseEntity<Void> disable(@AuthenticationPrincipal Jwt actor, @PathVariable UUID id) {
        admin.disable(actor.getSubject(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/account/admin/users/{id}/enable")
    ResponseEntity<Void> enable(@AuthenticationPrincipal Jwt actor, @PathVariable UUID id) {
        admin.enable(actor.getSubject(), id);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/v1/account/admin/users/{id}/roles")
    RolesView setRoles(@AuthenticationPrincipal Jwt actor, @PathVariable UUID id,
                       @Valid @RequestBody RolesChange change) {
        return new RolesView(admin.setRoles(actor.getSubject(), id, change.roles()));
    }

    @PutMapping("/internal/users/{id}/roles/supporter")
    RolesView grantSupporter(@AuthenticationPrincipal Jwt service, @PathVariable UUID id) {
        return new RolesView(admin.grant(service.getSubject(), id, Role.SUPPORTER, true));
    }

    @DeleteMapping("/internal/users/{id}/roles/supporter")
    RolesView withdrawSupporter(@AuthenticationPrincipal Jwt service, @PathVariable UUID id) {
        return new RolesView(admin.grant(service.getSubject(), id, Role.SUPPORTER, false));
    }
}
