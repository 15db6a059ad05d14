package io.xaostech.webfront.privacy;

import io.xaostech.webfront.config.BackendClients;
import io.xaostech.webfront.config.Pages;
import io.xaostech.webfront.signin.AccessTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The consent banner of every page ({@code consentBanner} in the model; null when not shown): shown until the
 * visitor has decided under the current notices, and not on the privacy centre, which is the full form. A visitor
 * who decided before signing in has those decisions carried into their account on their next page.
 */
@ControllerAdvice
class ConsentBanner {

    /** What the banner says: the purposes asked about, whether the browser sent Global Privacy Control, where to return. */
    record Banner(List<String> purposes, boolean gpc, String returnTo) {
    }

    private static final Logger log = LoggerFactory.getLogger(ConsentBanner.class);

    private final DataClient data;
    private final AccessTokens tokens;

    ConsentBanner(DataClient data, AccessTokens tokens) {
        this.data = data;
        this.tokens = tokens;
    }

    @ModelAttribute("consentBanner")
    Banner banner(Authentication visitor, HttpServletRequest request, HttpServletResponse response) {
        if (!"GET".equals(request.getMethod()) || request.getRequestURI().startsWith("/img/")) {
            return null;
        }
        Optional<ConsentCookie> cookie = ConsentCookie.of(request);
        if (cookie.isPresent() && cookie.get().hasVisitor() && Pages.signedIn(visitor)) {
            linkIntoAccount(cookie.get(), visitor, request, response);
        }
        Optional<List<DataClient.Purpose>> purposes = data.purposes();
        if (purposes.isEmpty() || request.getRequestURI().startsWith("/privacy")
                || cookie.map(c -> c.notices().equals(ConsentCookie.fingerprint(purposes.get()))).orElse(false)) {
            return null;
        }
        return new Banner(purposes.get().stream().filter(p -> !p.essential()).map(DataClient.Purpose::name).toList(),
                gpc(request), Pages.here(request));
    }

    private void linkIntoAccount(ConsentCookie cookie, Authentication visitor, HttpServletRequest request,
                                 HttpServletResponse response) {
        Optional<String> token = tokens.of(visitor, request, response);
        if (token.isEmpty()) {
            return;
        }
        try {
            data.link(token.get(), UUID.fromString(visitor.getName()), cookie.visitorId());
        } catch (BackendClients.Failure e) {
            if (e.status() != 422) {
                // Tried again on the next page.
                log.debug("linking a visitor's consent failed: {}", e.getMessage());
                return;
            }
            // 422: data has nothing under that visitor id; nothing to carry.
        }
        new ConsentCookie("-", cookie.notices()).write(request, response);
    }

    /** The browser's Global Privacy Control signal. */
    static boolean gpc(HttpServletRequest request) {
        String signal = request.getHeader("Sec-GPC");
        return signal != null && "1".equals(signal.strip());
    }

}
