package io.xaostech.webfront.language;

import io.xaostech.webfront.config.Pages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.WebUtils;

/**
 * {@code POST /language} ({@code lang}, {@code returnTo}): the footer's switch remembers the choice and returns to
 * the page; every page's footer gets the languages on offer, each named in itself, and whether machine
 * translation is showing. A GET changes nothing (SECURITY-CHECKLIST 13). The form carries no token, so pages keep
 * no per-visitor content and their ETag; instead the browser's own {@code Sec-Fetch-Site} (or, without it, its
 * {@code Origin}) must say the form was sent from this site (OWASP's fetch-metadata and origin checks), so
 * another site cannot switch a visitor's language.
 */
@Controller
@ControllerAdvice
class LanguagePages {

    /** A language on offer, named in itself ("español"). */
    record Offered(String code, String name) {
    }

    private final Languages languages;
    private final CatalogueMessages messages;

    LanguagePages(Languages languages, MessageSource messages) {
        this.languages = languages;
        this.messages = (CatalogueMessages) messages;
    }

    @PostMapping("/language")
    ModelAndView choose(@RequestParam(defaultValue = "") String lang, @RequestParam(defaultValue = "/") String returnTo,
                  HttpServletRequest request, HttpServletResponse response) {
        if (!sentFromThisSite(request)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "The language is chosen on this site's own pages.");
        }
        if (languages.offers(lang)) {
            languages.setLocale(request, response, Locale.forLanguageTag(lang));
        }
        return Pages.redirect(Pages.localPath(returnTo));
    }

    /**
     * The browser's {@code Sec-Fetch-Site}; where it sends none (browsers send fetch metadata to secure origins
     * only, so a plain-HTTP site on a LAN address gets none), the {@code Origin} every browser sends with a POST
     * must be this site's own.
     */
    static boolean sentFromThisSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return fetchSite.equals("same-origin");
        }
        // Spring's own comparison (scheme, host, port, default ports included); it lets a request without Origin pass.
        return request.getHeader(HttpHeaders.ORIGIN) != null && WebUtils.isSameOrigin(new ServletServerHttpRequest(request));
    }

    @ModelAttribute("languages")
    List<Offered> offered() {
        return languages.offered().stream().map(code -> {
            Locale locale = Locale.forLanguageTag(code);
            String name = locale.getDisplayLanguage(locale);
            return new Offered(code, name.isEmpty() ? code : name.substring(0, 1).toUpperCase(locale) + name.substring(1));
        }).toList();
    }

    /** The language the site's strings are actually in: English while lingua has none for the chosen one. */
    @ModelAttribute("language")
    String language(Locale locale) {
        return messages.available(locale) ? locale.getLanguage() : Languages.ENGLISH;
    }

    @ModelAttribute("machineTranslated")
    boolean machineTranslated(Locale locale) {
        return messages.machineTranslated(locale);
    }

    @ModelAttribute("here")
    String here(HttpServletRequest request) {
        return Pages.here(request);
    }
}
