package io.xaostech.data.consent;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.data.config.DataProperties;
import io.xaostech.platform.security.BearerTokens;
import io.xaostech.platform.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Consent before signing in: a visitor is known by a random id in the {@value #COOKIE} cookie (HttpOnly,
 * SameSite=Lax, so another site cannot decide in their name), set on their first decision. Signing in, the user
 * links the visitor's decisions to their account.
 */
@RestController
class VisitorController {

    static final String COOKIE = "XAOS_VISITOR";
    private static final String VISITOR_ID = "[A-Za-z0-9_-]{22}";
    private static final Duration KEPT = Duration.ofDays(365);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsentService service;
    private final boolean secureCookies;

    VisitorController(ConsentService service, DataProperties properties) {
        this.service = service;
        this.secureCookies = properties.secureCookies();
    }

    @GetMapping("/api/v1/data/visitor/consents")
    List<PurposeConsent> current(@CookieValue(name = COOKIE, required = false) String visitor) {
        return visitor(visitor).map(service::current).orElseGet(service::undecided);
    }

    @PutMapping("/api/v1/data/visitor/consents")
    ConsentService.Change change(@CookieValue(name = COOKIE, required = false) String cookie,
                                 @Valid @RequestBody ConsentController.Decisions body,
                                 @RequestHeader(value = "Sec-GPC", required = false) String gpc,
                                 @RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent,
                                 HttpServletRequest request, HttpServletResponse response) {
        Subject visitor = visitor(cookie).orElseGet(() -> new Subject(Subject.VISITOR, newId()));
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, visitor.id()).httpOnly(true)
                .secure(secure(request)).sameSite("Lax").path("/api/v1/data").maxAge(KEPT).build().toString());
        return ConsentController.record(service, visitor, body, gpc, userAgent, request, visitor.toString());
    }

    /**
     * Links the visitor's decisions (from the cookie) to the signed-in user and clears the cookie (the next person
     * on a shared browser starts afresh); answers the user's standing.
     */
    @PostMapping("/api/v1/data/users/{userId}/consents/link")
    List<PurposeConsent> link(@PathVariable UUID userId, @CookieValue(name = COOKIE, required = false) String cookie,
                              @AuthenticationPrincipal Jwt caller, HttpServletRequest request,
                              HttpServletResponse response) {
        if (!userId.equals(BearerTokens.userId(caller))) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the person themself links their consent.");
        }
        Subject visitor = visitor(cookie).orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE,
                "No visitor consent to link: the " + COOKIE + " cookie is missing or not one of ours."));
        List<PurposeConsent> linked = service.link(visitor, Subject.user(userId));
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, "").httpOnly(true).secure(secure(request))
                .sameSite("Lax").path("/api/v1/data").maxAge(Duration.ZERO).build().toString());
        return linked;
    }

    /** Secure when configured so, and whenever the request came over HTTPS (the gateway's X-Forwarded-Proto). */
    private boolean secure(HttpServletRequest request) {
        return secureCookies || request.isSecure();
    }

    private static Optional<Subject> visitor(String cookie) {
        return cookie != null && cookie.matches(VISITOR_ID) ? Optional.of(new Subject(Subject.VISITOR, cookie))
                : Optional.empty();
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
