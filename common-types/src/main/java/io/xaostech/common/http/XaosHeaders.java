package io.xaostech.common.http;

/** HTTP header names the platform gives meaning to. */
public final class XaosHeaders {

    /** Correlates one request across the gateway and every service it reaches; echoed on every response. */
    public static final String REQUEST_ID = "X-Request-Id";

    /** Prefix of headers only services may set; the gateway removes every one of them from outside requests. */
    public static final String INTERNAL_PREFIX = "X-Internal-";

    public static final String API_KEY = "X-API-Key";

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    public static final String FORWARDED_FOR = "X-Forwarded-For";

    /** Global Privacy Control signal sent by browsers. */
    public static final String GLOBAL_PRIVACY_CONTROL = "Sec-GPC";

    /** Longest request id accepted from a client; a longer or malformed one is replaced. */
    public static final int REQUEST_ID_MAX_LENGTH = 128;

    private XaosHeaders() {
    }

    /** Whether a client-supplied request id is safe to adopt (log- and header-safe characters only). */
    public static boolean isValidRequestId(String value) {
        if (value == null || value.isEmpty() || value.length() > REQUEST_ID_MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Whether a header name is one of the internal headers, compared without regard to case. */
    public static boolean isInternal(String headerName) {
        return headerName != null && headerName.regionMatches(true, 0, INTERNAL_PREFIX, 0, INTERNAL_PREFIX.length());
    }
}
