package io.xaostech.account.consent;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The consent page the authorization endpoint sends a signed-in user to when a client that requires consent
 * asks for scopes the user has not granted it yet. It lists what the client would get, in words, with the
 * scopes granted before already ticked; the answer goes back to the authorization endpoint, which stores it.
 * {@code openid} is never asked about: it only says who the user is, which signing in already tells.
 */
@Controller
class ConsentPageController {

    /** What each scope lets a client do, as the user reads it. */
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            OidcScopes.PROFILE, "See your display name.",
            OidcScopes.EMAIL, "See your email address.",
            "offline_access", "Stay signed in as you while you are away (until you sign out everywhere).");

    private final RegisteredClientRepository clients;
    private final OAuth2AuthorizationConsentService consents;

    ConsentPageController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents) {
        this.clients = clients;
        this.consents = consents;
    }

    record ScopeChoice(String scope, String description, boolean granted) {
    }

    @GetMapping("/oauth2/consent")
    String consent(Principal user, Model model,
                   @RequestParam(name = "client_id") String clientId,
                   @RequestParam(name = "scope", defaultValue = "") String scope,
                   @RequestParam(name = "state") String state) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null || clientId.length() > 100 || state.length() > 2048) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown client.");
        }
        OAuth2AuthorizationConsent previous = consents.findById(client.getId(), user.getName());
        Set<String> granted = previous == null ? Set.of() : previous.getScopes();
        Map<String, ScopeChoice> choices = new LinkedHashMap<>();
        for (String requested : scope.split(" ")) {
            if (!requested.isBlank() && !OidcScopes.OPENID.equals(requested) && client.getScopes().contains(requested)) {
                choices.putIfAbsent(requested, new ScopeChoice(requested,
                        DESCRIPTIONS.getOrDefault(requested, "Use the “" + requested + "” permission."),
                        granted.contains(requested)));
            }
        }
        List<ScopeChoice> asked = new ArrayList<>(choices.values());
        model.addAttribute("clientId", clientId);
        model.addAttribute("clientName", client.getClientName());
        model.addAttribute("state", state);
        model.addAttribute("scopes", asked);
        return "consent";
    }
}
