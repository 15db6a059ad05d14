package io.xaostech.gateway.requestlog;

import java.time.Instant;

/** One logged request. The path never carries its query string (it may hold an {@code api_key}). */
record RequestLogEntry(Instant receivedAt, String requestId, String routeId, String method, String path, int status,
                       int durationMillis, String principal, String clientIp, String traceId) {
}
