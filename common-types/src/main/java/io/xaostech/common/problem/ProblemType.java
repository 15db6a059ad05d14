package io.xaostech.common.problem;

import java.net.URI;

/**
 * Stable {@code type} URIs of RFC 9457 problem details. Clients switch on these, never on the {@code detail} text.
 */
public enum ProblemType {

    BAD_REQUEST("bad-request", "Bad request", 400),
    INVALID_REQUEST("invalid-request", "Invalid request", 400),
    UNAUTHORIZED("unauthorized", "Unauthorized", 401),
    FORBIDDEN("forbidden", "Forbidden", 403),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    CONFLICT("conflict", "Conflict", 409),
    GONE("gone", "Gone", 410),
    PRECONDITION_FAILED("precondition-failed", "Precondition failed", 412),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    UNPROCESSABLE("unprocessable", "Unprocessable content", 422),
    PRECONDITION_REQUIRED("precondition-required", "Precondition required", 428),
    RATE_LIMITED("rate-limited", "Too many requests", 429),
    INTERNAL("internal", "Internal error", 500),
    NOT_IMPLEMENTED("not-implemented", "Not implemented", 501),
    BAD_GATEWAY("bad-gateway", "Bad gateway", 502),
    SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable", 503),
    GATEWAY_TIMEOUT("gateway-timeout", "Gateway timeout", 504);

    /** Base of every problem type URI; the URI names a page describing the problem. */
    public static final String BASE = "https://xaostech.io/problems/";

    /** Extension member carrying the request id in every problem body. */
    public static final String REQUEST_ID_PROPERTY = "requestId";

    /** Extension member listing field errors: {@code [{"field": "...", "message": "..."}]}. */
    public static final String ERRORS_PROPERTY = "errors";

    private final String code;
    private final URI uri;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.code = slug;
        this.uri = URI.create(BASE + slug);
        this.title = title;
        this.status = status;
    }

    public URI uri() {
        return uri;
    }

    /** The last segment of the URI ({@code not-found}): the short code where a URI does not fit (WebSocket frames). */
    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** The HTTP status this problem is usually sent with. */
    public int status() {
        return status;
    }

    /** The problem type that fits an HTTP status when nothing more specific is known. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != INVALID_REQUEST) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
