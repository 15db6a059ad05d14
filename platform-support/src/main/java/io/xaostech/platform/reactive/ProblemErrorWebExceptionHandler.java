package io.xaostech.platform.reactive;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import io.xaostech.platform.web.Problems;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers every error of a reactive service (no route, 405, 415, upstream failures, our own exceptions) with an
 * RFC 9457 body carrying the request id, in place of Boot's default JSON error.
 */
public class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

    private static final int RETRY_AFTER_SECONDS = 5;

    private final List<HttpMessageWriter<?>> writers;

    public ProblemErrorWebExceptionHandler(ServerCodecConfigurer codecs) {
        this.writers = codecs.getWriters();
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        String requestId = RequestIdWebFilter.requestIdOf(exchange);
        ProblemDetail problem;
        // This handler runs outside the filter chain's Reactor context, so the log context is set here.
        try (MDC.MDCCloseable ignored = requestId != null ? MDC.putCloseable(RequestIdWebFilter.ATTRIBUTE, requestId) : null) {
            problem = problemFor(error);
        }
        Problems.complete(problem, null, exchange.getRequest().getPath().value(), requestId);
        ServerResponse.BodyBuilder response = ServerResponse.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()
                && !exchange.getResponse().getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        }
        if (error instanceof ErrorResponse errorResponse) {
            response.headers(h -> errorResponse.getHeaders().forEach((name, values) -> {
                if (!h.containsHeader(name)) {
                    h.addAll(name, values);
                }
            }));
        }
        return response.bodyValue(problem)
                .flatMap(r -> r.writeTo(exchange, new ServerResponse.Context() {
                    @Override
                    public List<HttpMessageWriter<?>> messageWriters() {
                        return writers;
                    }

                    @Override
                    public List<ViewResolver> viewResolvers() {
                        return List.of();
                    }
                }));
    }

    private static ProblemDetail problemFor(Throwable error) {
        if (error instanceof ProblemException e) {
            return Problems.of(e);
        }
        if (isUnreachable(error)) {
            log.warn("Upstream unreachable: {}", error.getMessage());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The service behind this path is unavailable; retry later.");
            return problem;
        }
        if (error instanceof ErrorResponse errorResponse) {
            HttpStatusCode status = errorResponse.getStatusCode();
            ProblemDetail body = errorResponse.getBody();
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detailFor(status, body.getDetail()));
            if (status.is5xxServerError()) {
                log.warn("Request failed with {}: {}", status.value(), error.toString());
            }
            return problem;
        }
        log.error("Unexpected error", error);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The service failed to handle this request; the request id identifies it in our logs.");
    }

    /** A connection that could not be made (refused, unreachable, no such host, timed out while connecting). */
    private static boolean isUnreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.NoRouteToHostException
                    || t instanceof java.net.UnknownHostException
                    || t.getClass().getName().equals("io.netty.channel.ConnectTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    private static String detailFor(HttpStatusCode status, String frameworkDetail) {
        if (status.value() == 404) {
            return Problems.NOT_FOUND_DETAIL;
        }
        if (status.is5xxServerError()) {
            return ProblemType.forStatus(status.value()).title() + ": the request could not be completed.";
        }
        return frameworkDetail != null ? frameworkDetail : ProblemType.forStatus(status.value()).title();
    }
}
