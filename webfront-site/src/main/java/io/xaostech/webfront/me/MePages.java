package io.xaostech.webfront.me;

import io.xaostech.webfront.config.BackendClients;
import io.xaostech.webfront.config.Pages;
import io.xaostech.webfront.signin.AccessTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The visitor's own pages, from account's self-service API with their token: {@code /me} (profile, display
 * name), {@code /me/sessions} (where they are signed in; end any other), {@code /me/api-keys} (create, shown once;
 * revoke). Never stored by the browser (see PageCaching).
 */
@Controller
class MePages {

    static final int MAX_NAME = 100;
    private static final List<String> SCOPES = List.of("read", "write", "translate");
    private static final Map<String, Duration> LIFETIMES = Map.of("30", Duration.ofDays(30), "90", Duration.ofDays(90),
            "365", Duration.ofDays(365));

    private final AccountClient account;
    private final AccessTokens tokens;
    private final Clock clock;

    MePages(AccountClient account, AccessTokens tokens, Clock clock) {
        this.account = account;
        this.tokens = tokens;
        this.clock = clock;
    }

    @GetMapping("/me")
    ModelAndView me(Authentication visitor, HttpServletRequest request, HttpServletResponse response) {
        return tokens.page(visitor, request, response, token -> profilePage(token, Map.of()));
    }

    @PostMapping("/me/profile")
    ModelAndView rename(@RequestParam(defaultValue = "") String displayName, Authentication visitor,
                        HttpServletRequest request, HttpServletResponse response) {
        String name = displayName.strip();
        return tokens.page(visitor, request, response, token -> {
            if (name.isEmpty() || name.length() > MAX_NAME) {
                return Pages.withStatus(profilePage(token, Map.of("nameError", "Choose a name of 1 to " + MAX_NAME
                        + " characters.", "draftName", displayName)), HttpStatus.BAD_REQUEST);
            }
            try {
                account.rename(token, name);
            } catch (BackendClients.Failure e) {
                return Pages.withStatus(profilePage(token, Map.of("nameError", e.getMessage(), "draftName", displayName)),
                        e.pageStatus());
            }
            return new ModelAndView("redirect:/me?renamed");
        });
    }

    @GetMapping("/me/sessions")
    ModelAndView sessions(Authentication visitor, HttpServletRequest request, HttpServletResponse response) {
        return tokens.page(visitor, request, response, token -> sessionsPage(token, Map.of()));
    }

    @PostMapping("/me/sessions/{sid}/end")
    ModelAndView endSession(@PathVariable String sid, Authentication visitor, HttpServletRequest request,
                            HttpServletResponse response) {
        Optional<UUID> session = Pages.uuid(sid);
        return tokens.page(visitor, request, response, token -> {
            try {
                account.endSession(token, session.orElseThrow(() -> new BackendClients.Failure(404,
                        "No such session.")));
            } catch (BackendClients.Failure e) {
                return Pages.withStatus(sessionsPage(token, Map.of("failure", e.status() == 404
                        ? "That session had already ended." : e.getMessage())), e.pageStatus());
            }
            return new ModelAndView("redirect:/me/sessions?ended");
        });
    }

    @GetMapping("/me/api-keys")
    ModelAndView apiKeys(Authentication visitor, HttpServletRequest request, HttpServletResponse response) {
        return tokens.page(visitor, request, response, token -> keysPage(token, Map.of()));
    }

    @PostMapping("/me/api-keys")
    ModelAndView createKey(@RequestParam(defaultValue = "") String name,
                           @RequestParam(name = "scope", required = false) List<String> scopes,
                           @RequestParam(defaultValue = "") String lifetime, Authentication visitor,
                           HttpServletRequest request, HttpServletResponse response) {
        String keyName = name.strip();
        List<String> chosen = scopes == null ? List.of() : scopes.stream().distinct().toList();
        return tokens.page(visitor, request, response, token -> {
            if (keyName.isEmpty() || keyName.length() > MAX_NAME || chosen.isEmpty() || !SCOPES.containsAll(chosen)
                    || !(lifetime.isEmpty() || LIFETIMES.containsKey(lifetime))) {
                return Pages.withStatus(keysPage(token, Map.of("keyError", "Name the key (1 to " + MAX_NAME
                        + " characters) and choose at least one thing it may do.", "draftName", name)),
                        HttpStatus.BAD_REQUEST);
            }
            Instant expires = lifetime.isEmpty() ? null : clock.instant().plus(LIFETIMES.get(lifetime));
            try {
                // Shown on this answer only (never stored by the browser, never shown again).
                return keysPage(token, Map.of("created", account.createKey(token, keyName, chosen, expires)));
            } catch (BackendClients.Failure e) {
                return Pages.withStatus(keysPage(token, Map.of("keyError", e.getMessage(), "draftName", name)),
                        e.pageStatus());
            }
        });
    }

    @PostMapping("/me/api-keys/{id}/revoke")
    ModelAndView revokeKey(@PathVariable String id, Authentication visitor, HttpServletRequest request,
                           HttpServletResponse response) {
        Optional<UUID> key = Pages.uuid(id);
        return tokens.page(visitor, request, response, token -> {
            try {
                account.revokeKey(token, key.orElseThrow(() -> new BackendClients.Failure(404, "No such key.")));
            } catch (BackendClients.Failure e) {
                if (e.status() != 404) {
                    return Pages.withStatus(keysPage(token, Map.of("failure", e.getMessage())), e.pageStatus());
                }
                // Already gone: what was asked for is so.
            }
            return new ModelAndView("redirect:/me/api-keys?revoked");
        });
    }

    private ModelAndView profilePage(String token, Map<String, Object> extra) {
        return page("me", extra, model -> model.put("profile", account.profile(token)));
    }

    private ModelAndView sessionsPage(String token, Map<String, Object> extra) {
        return page("me-sessions", extra, model -> model.put("sessions", account.sessions(token)));
    }

    private ModelAndView keysPage(String token, Map<String, Object> extra) {
        return page("me-api-keys", extra, model -> {
            model.put("keys", account.apiKeys(token));
            model.put("scopes", SCOPES);
            model.put("maxName", MAX_NAME);
        });
    }

    /** The page with what {@code load} reads from account; if account cannot answer, the page says so. */
    private static ModelAndView page(String view, Map<String, Object> extra,
                                     java.util.function.Consumer<Map<String, Object>> load) {
        Map<String, Object> model = new HashMap<>(extra);
        try {
            load.accept(model);
        } catch (BackendClients.Failure e) {
            model.putIfAbsent("failure", e.getMessage());
            return Pages.withStatus(new ModelAndView(view, model), e.pageStatus());
        }
        return new ModelAndView(view, model);
    }

}
