package io.xaostech.webfront.config;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/** Small helpers the page controllers share. */
public final class Pages {

    private Pages() {
    }

    /** The page answered with {@code status} (a form refused, a service unavailable); an error page keeps its own. */
    public static ModelAndView withStatus(ModelAndView page, HttpStatus status) {
        if (!"error".equals(page.getViewName())) {
            page.setStatus(status);
        }
        return page;
    }
}
