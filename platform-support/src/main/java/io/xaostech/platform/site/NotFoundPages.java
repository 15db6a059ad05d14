package io.xaostech.platform.site;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** A path no page or file answers: the site's 404 page for browsers; other clients still get problem details. */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class NotFoundPages {

    @ExceptionHandler(value = {NoHandlerFoundException.class, NoResourceFoundException.class},
            produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView notFound(HttpServletRequest request) {
        return ErrorPages.notFound(request);
    }
}
