package io.xaostech.platform.s3;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.Problems;
import io.xaostech.platform.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import software.amazon.awssdk.core.exception.SdkException;

/** S3 failing (down, slow, refusing) is a 503 with {@code Retry-After}, not a 500: the request may be retried. */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 200)
class S3ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(S3ProblemAdvice.class);

    @ExceptionHandler(SdkException.class)
    ResponseEntity<ProblemDetail> unavailable(SdkException e, HttpServletRequest request) {
        log.warn("S3 call failed: {}", e.getMessage());
        ProblemDetail problem = Problems.of(ProblemType.SERVICE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
                "File storage is unavailable; retry later.", request.getRequestURI(), RequestIdFilter.requestIdOf(request));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }
}
