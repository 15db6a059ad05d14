package io.xaostech.platform.reactive;

import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;

/**
 * Copies the request id from the Reactor context into the logging MDC wherever a reactive chain runs, so log
 * lines of the reactive stack carry it like the servlet ones (needs {@code spring.reactor.context-propagation=auto}).
 */
final class RequestIdLogContext {

    private RequestIdLogContext() {
    }

    static void register() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(RequestIdWebFilter.ATTRIBUTE,
                () -> MDC.get(RequestIdWebFilter.ATTRIBUTE),
                value -> MDC.put(RequestIdWebFilter.ATTRIBUTE, value),
                () -> MDC.remove(RequestIdWebFilter.ATTRIBUTE));
    }
}
