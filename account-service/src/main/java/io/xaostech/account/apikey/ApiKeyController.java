package io.xaostech.account.apikey;

import io.xaostech.common.id.UserId;
import io.xaostech.common.security.ApiKeyScope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A signed-in user's own API keys. The secret is in the creation response only. */
@RestController
@RequestMapping("/api/v1/account/api-keys")
class ApiKeyController {

    private final ApiKeyService service;

    ApiKeyController(ApiKeyService service) {
        this.service = service;
    }

    record CreateApiKey(@NotBlank @Size(max = 100) String name,
                        @NotEmpty @Size(max = 3) Set<@NotNull ApiKeyScope> scopes,
                        @Future Instant expiresAt) {
    }

    record ApiKeyView(UUID id, String name, String prefix, Set<ApiKeyScope> scopes, Instant createdAt,
                      Instant expiresAt, Instant lastUsedAt) {

        static ApiKeyView of(ApiKey key) {
            return new ApiKeyView(key.id(), key.name(), key.prefix(), key.scopes(), key.createdAt(), key.expiresAt(),
                    key.lastUsedAt());
        }
    }

    /** The one response that shows the whole key. */
    record CreatedApiKey(UUID id, String name, String prefix, Set<ApiKeyScope> scopes, Instant createdAt,
                         Instant expiresAt, String key) {
    }

    @PostMapping
    ResponseEntity<CreatedApiKey> create(@AuthenticationPrincipal Jwt user, @Valid @RequestBody CreateApiKey request) {
        ApiKeyService.Created created = service.create(userOf(user), request.name(), request.scopes(),
                request.expiresAt());
        ApiKey key = created.key();
        return ResponseEntity.created(URI.create("/api/v1/account/api-keys/" + key.id()))
                .header("Cache-Control", "no-store")
                .body(new CreatedApiKey(key.id(), key.name(), key.prefix(), key.scopes(), key.createdAt(),
                        key.expiresAt(), created.secret()));
    }

    @GetMapping
    List<ApiKeyView> list(@AuthenticationPrincipal Jwt user) {
        return service.list(userOf(user)).stream().map(ApiKeyView::of).toList();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Jwt user, @PathVariable UUID id) {
        service.revoke(userOf(user), id);
        return ResponseEntity.noContent().build();
    }

    private static UserId userOf(Jwt jwt) {
        return UserId.of(jwt.getSubject());
    }
}
