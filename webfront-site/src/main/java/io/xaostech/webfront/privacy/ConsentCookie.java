package io.xaostech.webfront.privacy;

import io.xaostech.platform.crypto.Sha256;
import io.xaostech.webfront.config.Pages;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;

/**
 * The site's {@value #NAME} cookie: {@code <visitor id>.<notices>}, where the visitor id is the one data-service
 * knows the visitor by before they sign in ({@code -} once it has been carried into an account) and
 * {@code notices} fingerprints the notice versions the visitor decided on. The banner shows until the fingerprint is
 * the current one: a new notice version asks again. HttpOnly and SameSite=Lax, like the session.
 */
record ConsentCookie(String visitorId, String notices) {

    static final String NAME = "XAOS_CONSENT";
    /** data-service keeps a visitor's decisions for 13 months; the cookie no longer. */
    private static final Duration KEPT = Duration.ofDays(395);
    private static final Pattern VALUE = Pattern.compile("([A-Za-z0-9_-]{22}|-)\\.([0-9a-f]{16})");
    private static final SecureRandom RANDOM = new SecureRandom();

    static Optional<ConsentCookie> of(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return Optional.empty();
        }
        for (Cookie cookie : request.getCookies()) {
            if (NAME.equals(cookie.getName())) {
                var matcher = VALUE.matcher(cookie.getValue());
                if (matcher.matches()) {
                    return Optional.of(new ConsentCookie(matcher.group(1), matcher.group(2)));
                }
            }
        }
        return Optional.empty();
    }

    /** The fingerprint of the current notices of the purposes a visitor decides on. */
    static String fingerprint(List<DataClient.Purpose> purposes) {
        String versions = purposes.stream().filter(p -> !p.essential())
                .sorted(Comparator.comparing(DataClient.Purpose::code))
                .map(p -> p.code() + ":" + p.noticeVersion()).collect(Collectors.joining(","));
        return Sha256.hex(versions).substring(0, 16);
    }

    static String newVisitorId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    boolean hasVisitor() {
        return !"-".equals(visitorId);
    }

    void write(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, Pages.cookie(request, NAME, visitorId + "." + notices, KEPT));
    }
}
