package io.xaostech.lingua.access;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.ApiKeyResolution;
import io.xaostech.common.security.ApiKeyScope;
import io.xaostech.common.security.Role;
import io.xaostech.lingua.config.LinguaProperties;
import io.xaostech.platform.security.ApiKeyResolver;
import io.xaostech.platform.security.BearerTokens;
import io.xaostech.platform.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Works out who is calling the translation API: an API key (in the body as {@code api_key}, as LibreTranslate
 * clients send it, or in {@code X-API-Key} / {@code Authorization: ApiKey …}), a signed-in user's token (checked by
 * the security chain), or nobody (served only when anonymous access is on). Refusals use LibreTranslate's status
 * (403) and wording.
 */
@Component
public class Callers {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Callers.class);

    private final ApiKeyResolver apiKeys;
    private final boolean anonymousAccess;

    Callers(ApiKeyResolver apiKeys, LinguaProperties properties) {
        this.apiKeys = apiKeys;
        this.anonymousAccess = properties.anonymousAccess();
    }

    public Caller of(HttpServletRequest request, String bodyKey) {
        String key = bodyKey != null && !bodyKey.isBlank() ? bodyKey.strip() : headerKey(request);
        if (key != null) {
            ApiKeyResolution resolution;
            try {
                resolution = apiKeys.resolve(key).orElseThrow(() -> forbidden("Invalid API key"));
            } catch (ApiKeyResolver.ResolutionUnavailable e) {
                log.warn("API key could not be checked with account: {}", e.getMessage());
                throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "API keys cannot be checked right now; "
                        + "retry later.", Map.of(ProblemException.RETRY_AFTER_PROPERTY, 5));
            }
            if (!resolution.scopes().contains(ApiKeyScope.TRANSLATE)) {
                throw forbidden("This API key may not be used for translation: it lacks the translate scope");
            }
            // Counted per owner: more keys, or a fresh one, do not multiply a plan's quota.
            return new Caller("u:" + resolution.userId().value(), resolution.plan());
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
            return new Caller("u:" + jwt.getSubject(), BearerTokens.hasRole(jwt, Role.SUPPORTER) ? "supporter" : "user");
        }
        if (!anonymousAccess) {
            throw forbidden("Please send an API key (api_key, or an X-API-Key header); this server does not "
                    + "translate for anonymous callers");
        }
        return new Caller("a:" + request.getRemoteAddr(), "anonymous");
    }

    private static String headerKey(HttpServletRequest request) {
        String header = request.getHeader("X-API-Key");
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "ApiKey ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return null;
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail + ".");
    }
}
