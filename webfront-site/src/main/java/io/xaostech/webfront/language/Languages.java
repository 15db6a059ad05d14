package io.xaostech.webfront.language;

import io.xaostech.webfront.config.Pages;
import io.xaostech.webfront.config.WebfrontProperties;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Which language a page is in: the visitor's choice ({@value #COOKIE}), else the first of their browser's
 * languages the site offers, else English. Only the configured languages are ever used.
 */
final class Languages implements LocaleResolver {

    static final String ENGLISH = "en";
    static final String COOKIE = "XAOS_LANG";
    private static final Duration KEPT = Duration.ofDays(365);

    private final List<String> offered;

    Languages(WebfrontProperties properties) {
        this.offered = properties.languages();
    }

    List<String> offered() {
        return offered;
    }

    boolean offers(String language) {
        return offered.contains(language);
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return Locale.forLanguageTag(chosen(request).orElseGet(() -> fromBrowser(request)));
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        String language = locale == null ? ENGLISH : locale.getLanguage();
        if (offers(language)) {
            response.addHeader(HttpHeaders.SET_COOKIE, Pages.cookie(request, COOKIE, language, KEPT));
        }
    }

    private Optional<String> chosen(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (COOKIE.equals(cookie.getName()) && offers(cookie.getValue())) {
                    return Optional.of(cookie.getValue());
                }
            }
        }
        return Optional.empty();
    }

    private String fromBrowser(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        if (header == null || header.isBlank() || header.length() > 500) {
            return ENGLISH;
        }
        try {
            String best = Locale.lookupTag(Locale.LanguageRange.parse(header), offered);
            return best == null ? ENGLISH : Locale.forLanguageTag(best).getLanguage();
        } catch (IllegalArgumentException malformed) {
            return ENGLISH;
        }
    }
}
