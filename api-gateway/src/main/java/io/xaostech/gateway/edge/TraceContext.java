package io.xaostech.gateway.edge;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * W3C Trace Context at the edge: a well-formed incoming {@code traceparent} keeps its trace id and gets the
 * gateway's own span as parent; anything else (missing, malformed, all-zero ids, unknown version) starts a new
 * trace. {@code tracestate} travels only with a trace it belongs to. The trace id is an exchange attribute
 * ({@link #TRACE_ID_ATTRIBUTE}), and the client gets back the {@code traceparent} the services saw.
 */
@Component
public class TraceContext implements WebFilter, Ordered {

    public static final String TRACE_ID_ATTRIBUTE = TraceContext.class.getName() + ".traceId";

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String incoming = exchange.getRequest().getHeaders().getFirst("traceparent");
        var matcher = incoming == null ? null : TRACEPARENT.matcher(incoming.strip());
        boolean continues = matcher != null && matcher.matches() && !ZERO_TRACE.equals(matcher.group(1))
                && !ZERO_SPAN.equals(matcher.group(2));
        String traceId = continues ? matcher.group(1) : randomHex(16);
        String flags = continues ? matcher.group(3) : "01";
        String traceparent = "00-" + traceId + "-" + randomHex(8) + "-" + flags;
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
            headers.set("traceparent", traceparent);
            if (!continues) {
                headers.remove("tracestate");
            }
        }).build();
        exchange.getAttributes().put(TRACE_ID_ATTRIBUTE, traceId);
        exchange.getResponse().getHeaders().set("traceparent", traceparent);
        return chain.filter(exchange.mutate().request(request).build());
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
