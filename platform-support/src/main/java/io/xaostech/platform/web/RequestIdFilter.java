package io.xaostech.platform.web;

import io.xaostech.common.http.XaosHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adopts the caller's {@code X-Request-Id} when it is well-formed (the gateway always sends one) or makes one,
 * puts it into the log context and echoes it on the response.
 */
public class RequestIdFilter extends OncePerRequestFilter {

    /** Request attribute and MDC key holding the request id. */
    public static final String ATTRIBUTE = "requestId";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = requestIdOf(request);
        request.setAttribute(ATTRIBUTE, requestId);
        response.setHeader(XaosHeaders.REQUEST_ID, requestId);
        MDC.put(ATTRIBUTE, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(ATTRIBUTE);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /** The id this request carries, made on first use. */
    public static String requestIdOf(HttpServletRequest request) {
        Object known = request.getAttribute(ATTRIBUTE);
        if (known instanceof String id) {
            return id;
        }
        String offered = request.getHeader(XaosHeaders.REQUEST_ID);
        String id = XaosHeaders.isValidRequestId(offered) ? offered : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }
}
