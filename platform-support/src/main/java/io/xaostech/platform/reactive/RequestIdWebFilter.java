package io.xaostech.platform.reactive;

import io.xaostech.common.http.XaosHeaders;
import java.util.UUID;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The reactive twin of the servlet request-id filter: adopts a well-formed {@code X-Request-Id} or makes one,
 * sets it on the request (so a proxied call carries it on), on the response, as an exchange attribute and in the
 * Reactor context (from which the log context is filled, see {@link RequestIdLogContext}).
 */
public class RequestIdWebFilter implements WebFilter, Ordered {

    /** Exchange attribute and Reactor context key holding the request id. */
    public static final String ATTRIBUTE = "requestId";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String offered = exchange.getRequest().getHeaders().getFirst(XaosHeaders.REQUEST_ID);
        String requestId = XaosHeaders.isValidRequestId(offered) ? offered : UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(h -> h.set(XaosHeaders.REQUEST_ID, requestId))
                .build();
        ServerWebExchange withId = exchange.mutate().request(request).build();
        withId.getAttributes().put(ATTRIBUTE, requestId);
        withId.getResponse().getHeaders().set(XaosHeaders.REQUEST_ID, requestId);
        return chain.filter(withId).contextWrite(ctx -> ctx.put(ATTRIBUTE, requestId));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** The request id of an exchange this filter has seen, or null. */
    public static String requestIdOf(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
