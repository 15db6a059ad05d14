package io.xaostech.webfront.config;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: the site's name and whether the visitor is signed in. */
@ControllerAdvice
class PageModel {

    private final WebfrontProperties properties;

    PageModel(WebfrontProperties properties) {
        this.properties = properties;
    }

    @ModelAttribute("siteName")
    String siteName() {
        return properties.siteName();
    }

    @ModelAttribute("signedIn")
    boolean signedIn(Authentication visitor) {
        return Pages.signedIn(visitor);
    }
}
