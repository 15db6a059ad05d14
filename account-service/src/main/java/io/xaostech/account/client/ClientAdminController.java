package io.xaostech.account.client;

import io.xaostech.account.client.ClientRegistrations.ClientType;
import io.xaostech.account.client.ClientRegistrations.NewClient;
import io.xaostech.common.problem.FieldError;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin API for OAuth clients: register one, list and read them, replace a secret, remove one. */
@RestController
@Validated
@RequestMapping("/api/v1/account/admin/clients")
class ClientAdminController {

    private final ClientRegistrations registrations;

    ClientAdminController(ClientRegistrations registrations) {
        this.registrations = registrations;
    }

    record Registration(@NotBlank @Size(max = 100) String name,
                        @NotNull ClientType type,
                        @NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 2000) String> redirectUris,
                        @Size(max = 10) List<@NotBlank @Size(max = 2000) String> postLogoutRedirectUris,
                        @NotEmpty @Size(max = 4) List<@NotBlank @Size(max = 50) String> scopes,
                        Boolean requireConsent) {
    }

    record ClientView(String clientId, String name, ClientType type, List<String> redirectUris,
                      List<String> postLogoutRedirectUris, List<String> scopes, boolean requireConsent,
                      String managedBy, Instant issuedAt) {
    }

    record Created(String clientId, String clientSecret, ClientView client) {
    }

    record Secret(String clientId, String clientSecret) {
    }

    @PostMapping
    ResponseEntity<Created> register(@AuthenticationPrincipal Jwt admin, @Valid @RequestBody Registration registration) {
        List<String> postLogout = registration.postLogoutRedirectUris() == null ? List.of() : registration.postLogoutRedirectUris();
        refuseInvalid(registration, postLogout);
        var registered = registrations.register(new NewClient(registration.name(), registration.type(),
                registration.redirectUris(), postLogout, registration.scopes(),
                registration.requireConsent() == null || registration.requireConsent()), admin.getSubject());
        String clientId = registered.client().getClientId();
        return ResponseEntity.created(URI.create("/api/v1/account/admin/clients/" + clientId))
                .body(new Created(clientId, registered.secret(), view(registered.client())));
    }

    @GetMapping
    List<ClientView> list() {
        return registrations.all().stream().map(ClientAdminController::view).toList();
    }

    @GetMapping("/{clientId}")
    ClientView get(@PathVariable @Size(max = 100) String clientId) {
        return registrations.find(clientId).map(ClientAdminController::view)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No client " + clientId + ".",
                        Map.of("clientId", clientId)));
    }

    @PostMapping("/{clientId}/secret")
    Secret newSecret(@AuthenticationPrincipal Jwt admin, @PathVariable @Size(max = 100) String clientId) {
        return new Secret(clientId, registrations.newSecret(clientId, admin.getSubject()));
    }

    @DeleteMapping("/{clientId}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt admin, @PathVariable @Size(max = 100) String clientId) {
        registrations.delete(clientId, admin.getSubject());
        return ResponseEntity.noContent().build();
    }

    private static void refuseInvalid(Registration registration, List<String> postLogout) {
        boolean publicClient = registration.type() == ClientType.PUBLIC;
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < registration.redirectUris().size(); i++) {
            int index = i;
            RedirectUriRule.problemWith(registration.redirectUris().get(i), publicClient)
                    .ifPresent(problem -> errors.add(new FieldError("redirectUris[" + index + "]", problem)));
        }
        for (int i = 0; i < postLogout.size(); i++) {
            int index = i;
            RedirectUriRule.problemWith(postLogout.get(i), publicClient)
                    .ifPresent(problem -> errors.add(new FieldError("postLogoutRedirectUris[" + index + "]", problem)));
        }
        for (int i = 0; i < registration.scopes().size(); i++) {
            if (!ClientRegistrations.GRANTABLE_SCOPES.contains(registration.scopes().get(i))) {
                errors.add(new FieldError("scopes[" + i + "]", "must be one of " + ClientRegistrations.GRANTABLE_SCOPES.stream().sorted().toList()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The request is invalid: "
                    + errors.get(0).field() + " " + errors.get(0).message() + ".",
                    Map.of(ProblemType.ERRORS_PROPERTY, errors));
        }
    }

    private static ClientView view(RegisteredClient client) {
        ClientType type = client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
                ? ClientType.PUBLIC : ClientType.CONFIDENTIAL;
        return new ClientView(client.getClientId(), client.getClientName(), type,
                client.getRedirectUris().stream().sorted().toList(),
                client.getPostLogoutRedirectUris().stream().sorted().toList(),
                client.getScopes().stream().sorted().toList(),
                client.getClientSettings().isRequireAuthorizationConsent(),
                ClientRegistrations.isRegistered(client) ? "admin" : "configuration",
                client.getClientIdIssuedAt());
    }
}
