package io.xaostech.platform.web;

import io.xaostech.common.problem.FieldError;
import io.xaostech.common.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every exception of a servlet service to an RFC 9457 body: the framework's own (404, 405, 415, 400 …),
 * our {@link ProblemException}s, validation failures naming each field, dependency outages as 503, and anything
 * else as a 500 that says nothing about the internals.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 100)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> handleProblem(ProblemException e, WebRequest request) {
        ProblemDetail body = Problems.of(e);
        HttpHeaders headers = new HttpHeaders();
        if (e.properties().get(ProblemException.RETRY_AFTER_PROPERTY) instanceof Number seconds) {
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, seconds.longValue())));
        }
        return handleExceptionInternal(e, body, headers, HttpStatusCode.valueOf(body.getStatus()), request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException e, WebRequest request) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
        return invalid(e, errors, request);
    }

    /**
     * Database or Redis unreachable (Redis' connection failure is a {@code DataAccessResourceFailureException}), or
     * no transaction could begin: 503 with Retry-After, never a bare 500.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, QueryTimeoutException.class,
            TransientDataAccessResourceException.class, RecoverableDataAccessException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<Object> handleDependencyDown(RuntimeException e, WebRequest request) {
        log.warn("A dependency is unavailable: {}", e.getMessage());
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "A storage dependency of this service is unavailable; retry later.");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return handleExceptionInternal(e, body, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    /**
     * A commit or rollback that failed because the database connection went away (PostgreSQL restarted) is the
     * database being unavailable: 503. Whether a failed commit took effect is unknown, so clients retry with their
     * idempotency key or client message id. Any other failure is a bug: 500, logged.
     */
    @ExceptionHandler(TransactionSystemException.class)
    // RuntimeException, not TransactionSystemException: a site without spring-tx must still load this class.
    ResponseEntity<Object> handleTransactionFailure(RuntimeException e, WebRequest request) {
        return TransactionFailures.connectionLost(e) ? handleDependencyDown(e, request) : handleUnexpected(e, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception e, WebRequest request) {
        log.error("Unexpected error", e);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The service failed to handle this request; the request id identifies it in our logs.");
        return handleExceptionInternal(e, body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldError(f.getField(), f.getDefaultMessage()))
                .toList();
        return invalid(e, errors, request);
    }

    /** A query parameter, header or path variable outside its constraints ({@code limit=1000}): named, as for bodies. */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(parameterName(result), error.getDefaultMessage())))
                .toList();
        return invalid(e, errors, request);
    }

    private static String parameterName(ParameterValidationResult result) {
        String name = result.getMethodParameter().getParameterName();
        return name != null ? name : "parameter " + result.getMethodParameter().getParameterIndex();
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimit.BodyTooLarge tooLarge) {
                ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
                return handleExceptionInternal(e, body, new HttpHeaders(), HttpStatus.CONTENT_TOO_LARGE, request);
            }
        }
        String field = fieldOf(e.getCause());
        if (field != null) {
            return invalid(e, List.of(new FieldError(field, "has the wrong type or a value that is not allowed")), request);
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status,
                "The request body is missing or is not well-formed JSON of the expected shape.");
        return handleExceptionInternal(e, body, headers, status, request);
    }

    /** The JSON path of a well-formed body's member that could not be bound ({@code items[2].type}), if known. */
    private static String fieldOf(Throwable cause) {
        if (!(cause instanceof tools.jackson.databind.DatabindException mapping) || mapping.getPath().isEmpty()) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (tools.jackson.core.JacksonException.Reference reference : mapping.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The upload is larger than this service accepts.");
        return handleExceptionInternal(e, body, headers, HttpStatus.CONTENT_TOO_LARGE, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail p ? p
                : e instanceof ErrorResponse error ? error.getBody()
                : ProblemDetail.forStatus(status);
        if (status.value() == 404 && (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException)) {
            problem.setDetail(Problems.NOT_FOUND_DETAIL);
        }
        HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        String path = servletRequest != null ? servletRequest.getRequestURI() : null;
        String requestId = servletRequest != null ? RequestIdFilter.requestIdOf(servletRequest) : null;
        Problems.complete(problem, null, path, requestId);
        return super.handleExceptionInternal(e, problem, headers, status, request);
    }

    private ResponseEntity<Object> invalid(Exception e, List<FieldError> errors, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.isEmpty() ? "The request is invalid."
                        : "The request is invalid: " + errors.get(0).field() + " " + errors.get(0).message()
                        + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "") + ".");
        body.setType(ProblemType.INVALID_REQUEST.uri());
        body.setTitle(ProblemType.INVALID_REQUEST.title());
        body.setProperty(ProblemType.ERRORS_PROPERTY, errors);
        return handleExceptionInternal(e, body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /** Loaded only when a transaction failed, so only where spring-tx is present. */
    private static final class TransactionFailures {

        /**
         * Whether the connection went away: the work that failed before the rollback was a database outage, or a
         * cause says so (SQLState class 08 or 57P0x, a closed pooled connection, a broken socket).
         */
        static boolean connectionLost(RuntimeException e) {
            if (e instanceof TransactionSystemException failed
                    && failed.getApplicationException() instanceof DataAccessResourceFailureException) {
                return true;
            }
            for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof java.sql.SQLException sql && (sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))
                        || "Connection is closed".equals(sql.getMessage()))) {
                    return true;
                }
                if (cause instanceof java.net.SocketException || cause instanceof java.io.EOFException) {
                    return true;
                }
            }
            return false;
        }
    }
}
