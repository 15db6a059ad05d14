package io.xaostech.lingua.engine;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import java.util.Map;

/** An engine cannot translate now; the request may be retried later (503 with Retry-After). */
public class EngineUnavailable extends ProblemException {

    public EngineUnavailable(String detail, int retryAfterSeconds) {
        super(ProblemType.SERVICE_UNAVAILABLE, detail, Map.of(RETRY_AFTER_PROPERTY, retryAfterSeconds));
    }
}
