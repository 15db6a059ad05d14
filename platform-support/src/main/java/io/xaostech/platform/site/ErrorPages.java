package io.xaostech.platform.site;

import io.xaostech.platform.web.ProblemErrorController;
import io.xaostech.platform.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Friendly HTML error pages for browsers (the site's {@code error} template), beside the problem details every
 * other client still gets from the platform's error controller. Page controllers answer a missing page with
 * {@link #notFound} so visitors see the same page.
 */
@Controller
public class ErrorPages {

    /** The error page for {@code status}; the template gets {@code status}, {@code reason} and {@code requestId}. */
    public static ModelAndView page(HttpStatus status, HttpServletRequest request) {
        return new ModelAndView("error", Map.of("status", status.value(), "reason", status.getReasonPhrase(),
                "requestId", String.valueOf(RequestIdFilter.requestIdOf(request))), status);
    }

    public static ModelAndView notFound(HttpServletRequest request) {
        return page(HttpStatus.NOT_FOUND, request);
    }

    @RequestMapping(path = "${server.error.path:${error.path:/error}}", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView error(HttpServletRequest request) {
        return page(ProblemErrorController.statusOf(request), request);
    }
}
