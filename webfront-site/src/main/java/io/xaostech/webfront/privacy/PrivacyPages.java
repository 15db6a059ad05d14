package io.xaostech.webfront.privacy;

import io.xaostech.webfront.config.Pages;
import io.xaostech.platform.site.ErrorPages;
import io.xaostech.webfront.config.BackendClients;
import io.xaostech.webfront.signin.AccessTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /privacy}: what each purpose means (its current notice), the visitor's decisions and a form to change
 * them, and for signed-in visitors their export and erasure requests. {@code POST /privacy/consents} records the
 * banner's "accept all"/"refuse all" or the form's choices through data-service, honouring {@code Sec-GPC}.
 */
@Controller
class PrivacyPages {

    private static final List<String> DECISIONS = List.of("GRANTED", "DENIED");

    private final DataClient data;
    private final AccessTokens tokens;

    PrivacyPages(DataClient data, AccessTokens tokens) {
        this.data = data;
        this.tokens = tokens;
    }

    @GetMapping("/privacy")
    ModelAndView centre(Authentication visitor, HttpServletRequest request, HttpServletResponse response) {
        return page(visitor, request, response, Map.of());
    }

    @PostMapping("/privacy/consents")
    ModelAndView decide(@RequestParam(required = false) String all, @RequestParam(defaultValue = "/") String returnTo,
                        @RequestParam Map<String, String> form, Authentication visitor, HttpServletRequest request,
                        HttpServletResponse response) {
        Optional<List<DataClient.Purpose>> known = data.purposes();
        if (known.isEmpty()) {
            return ErrorPages.page(HttpStatus.SERVICE_UNAVAILABLE, request);
        }
        List<DataClient.Purpose> asked = known.get().stream().filter(p -> !p.essential()).toList();
        List<DataClient.Choice> choices = new ArrayList<>();
        for (DataClient.Purpose purpose : asked) {
            String decision = all == null ? form.get("decision." + purpose.code())
                    : "accept".equals(all) ? "GRANTED" : "reject".equals(all) ? "DENIED" : null;
            if (decision == null || !DECISIONS.contains(decision)) {
                return Pages.withStatus(page(visitor, request, response, Map.of("formError",
                        "Choose allow or refuse for " + purpose.name() + ".")), HttpStatus.BAD_REQUEST);
            }
            choices.add(new DataClient.Choice(purpose.code(), decision, purpose.noticeVersion()));
        }
        String method = all == null ? "SETTINGS" : "BANNER";
        String notices = ConsentCookie.fingerprint(known.get());
        Optional<ConsentCookie> cookie = ConsentCookie.of(request);
        try {
            if (Pages.signedIn(visitor)) {
                Optional<String> token = tokens.of(visitor, request, response);
                if (token.isEmpty()) {
                    return new ModelAndView(AccessTokens.SIGN_IN_AGAIN);
                }
                data.recordForUser(token.get(), userId(visitor), method, choices, ConsentBanner.gpc(request));
                new ConsentCookie(cookie.map(ConsentCookie::visitorId).orElse("-"), notices).write(request, response);
            } else {
                String visitorId = cookie.filter(ConsentCookie::hasVisitor).map(ConsentCookie::visitorId)
                        .orElseGet(ConsentCookie::newVisitorId);
                data.recordForVisitor(visitorId, method, choices, ConsentBanner.gpc(request));
                new ConsentCookie(visitorId, notices).write(request, response);
            }
        } catch (BackendClients.Failure e) {
            return Pages.withStatus(page(visitor, request, response, Map.of("formError", e.getMessage())), e.pageStatus());
        }
        return all == null ? new ModelAndView("redirect:/privacy?saved") : Pages.redirect(Pages.localPath(returnTo));
    }

    @PostMapping("/privacy/requests")
    ModelAndView file(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String confirm,
                      Authentication visitor, HttpServletRequest request, HttpServletResponse response) {
        return tokens.page(visitor, request, response, token -> {
            if (!List.of("EXPORT", "ERASURE").contains(kind) || ("ERASURE".equals(kind) && !"yes".equals(confirm))) {
                return Pages.withStatus(page(visitor, request, response, Map.of("requestError", "ERASURE".equals(kind)
                        ? "Tick the box to confirm that your account and data are to be erased."
                        : "Choose a copy of your data or erasure.")), HttpStatus.BAD_REQUEST);
            }
            try {
                data.file(token, userId(visitor), kind);
            } catch (BackendClients.Failure e) {
                return Pages.withStatus(page(visitor, request, response, Map.of("requestError", e.getMessage())), e.pageStatus());
            }
            return new ModelAndView("redirect:/privacy?filed#requests");
        });
    }

    @GetMapping("/privacy/requests/{id}/export")
    ModelAndView export(@PathVariable String id, Authentication visitor, HttpServletRequest request,
                        HttpServletResponse response) {
        Optional<UUID> requestId = Pages.uuid(id);
        if (requestId.isEmpty()) {
            return ErrorPages.notFound(request);
        }
        return tokens.page(visitor, request, response, token -> {
            try {
return Pages.redirect(data.exportLink(token, requestId.get()).toString());
            } catch (BackendClients.Failure e) {
                if (e.status() == 404) {
                    return ErrorPages.notFound(request);
                }
                return Pages.withStatus(page(visitor, request, response, Map.of("requestError", e.status() == 410
                        ? "That export is no longer offered: request a new copy." : e.getMessage())), e.pageStatus());
            }
        });
    }

    private ModelAndView page(Authentication visitor, HttpServletRequest request, HttpServletResponse response,
                              Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("gpc", ConsentBanner.gpc(request));
        model.put("saved", request.getParameter("saved") != null);
        model.put("filed", request.getParameter("filed") != null);
        Optional<List<DataClient.Purpose>> purposes = data.purposes();
        if (purposes.isEmpty()) {
            model.put("failure", DataClient.UNREACHABLE);
            return Pages.withStatus(new ModelAndView("privacy", model), HttpStatus.SERVICE_UNAVAILABLE);
        }
        model.put("purposes", purposes.get());
        try {
            Map<String, DataClient.Standing> standing = Map.of();
            if (Pages.signedIn(visitor)) {
                Optional<String> token = tokens.of(visitor, request, response);
                if (token.isEmpty()) {
                    return new ModelAndView(AccessTokens.SIGN_IN_AGAIN);
                }
                standing = byPurpose(data.userStanding(token.get(), userId(visitor)));
                model.put("requests", data.requests(token.get(), userId(visitor)));
            } else {
                Optional<ConsentCookie> cookie = ConsentCookie.of(request).filter(ConsentCookie::hasVisitor);
                if (cookie.isPresent()) {
                    standing = byPurpose(data.visitorStanding(cookie.get().visitorId()));
                }
            }
            model.put("standing", standing);
        } catch (BackendClients.Failure e) {
            model.putIfAbsent("failure", e.getMessage());
            model.put("standing", Map.of());
            return Pages.withStatus(new ModelAndView("privacy", model), e.pageStatus());
        }
        return new ModelAndView("privacy", model);
    }


    private static Map<String, DataClient.Standing> byPurpose(List<DataClient.Standing> standing) {
        return standing.stream().collect(Collectors.toMap(DataClient.Standing::purpose, s -> s, (a, b) -> a));
    }


    private static UUID userId(Authentication visitor) {
        return UUID.fromString(visitor.getName());
    }

}
