package io.xaostech.data.request;

import io.xaostech.data.audit.AuditLog;
import io.xaostech.data.config.DataProperties;
import io.xaostech.data.consent.ConsentService;
import io.xaostech.data.consent.Subject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Works through privacy-request steps that are due, on every instance (steps are claimed with SKIP LOCKED): calls
 * the service, records its answer, and on failure tries again later, waiting twice as long each time (up to
 * {@code xaos.data.retry-max}), for as long as it takes. A request completes only when all its steps are done;
 * an export is then bundled into one ZIP.
 */
@Component
class StepRunner {

    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);
    private static final int BATCH = 10;
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int MAX_OUTCOME = 2_000;

    private final PrivacyRequests requests;
    private final PrivacyEndpoints endpoints;
    private final ExportBundles bundles;
    private final ConsentService consents;
    private final PrivacyRequestService service;
    private final AuditLog audit;
    private final DataProperties properties;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    StepRunner(PrivacyRequests requests, PrivacyEndpoints endpoints, ExportBundles bundles, ConsentService consents,
               PrivacyRequestService service, AuditLog audit, DataProperties properties, TransactionTemplate tx,
               JsonMapper json) {
        this.requests = requests;
        this.endpoints = endpoints;
        this.bundles = bundles;
        this.consents = consents;
        this.service = service;
        this.audit = audit;
        this.properties = properties;
        this.tx = tx;
        this.json = json;
    }

    @Scheduled(fixedDelayString = "${xaos.data.privacy-worker-interval:2s}")
    void run() {
        List<PrivacyRequests.Due> due;
        try {
            due = tx.execute(status -> requests.claimDue(BATCH, LEASE));
        } catch (RuntimeException e) {
            log.warn("Could not look for due privacy-request steps: {}", e.toString());
            return;
        }
        due.forEach(this::attempt);
    }

    private void attempt(PrivacyRequests.Due step) {
        try {
            String outcome = perform(step);
            tx.executeWithoutResult(status -> {
                requests.done(step.requestId(), step.service(), outcome);
                audit.record("data", "privacy.step.done", "request:" + step.requestId(),
                        Map.of("service", step.service(), "kind", step.kind().name()));
            });
            completeIfDone(step);
        } catch (RuntimeException e) {
            long factor = 1L << Math.min(step.attempts(), 20);
            Duration retry = properties.retryBase().multipliedBy(factor);
            Duration wait = retry.compareTo(properties.retryMax()) > 0 ? properties.retryMax() : retry;
            log.warn("Privacy request {} step {} failed (attempt {}), again in {}: {}", step.requestId(), step.service(),
                    step.attempts() + 1, wait, e.getMessage());
            requests.failed(step.requestId(), step.service(), String.valueOf(e.getMessage()), wait);
        }
    }

    /** Does the step's work and answers what to record of it. */
    private String perform(PrivacyRequests.Due step) {
        if (step.service().equals(PrivacyRequestService.OWN_STEP)) {
            Subject subject = Subject.user(step.userId());
            if (step.kind() == RequestKind.EXPORT) {
                byte[] own = json.writeValueAsBytes(Map.of("userId", step.userId().toString(),
                        "consents", consents.current(subject), "consentHistory", consents.history(subject, null, 10_000)));
                bundles.storePart(step.requestId(), step.service(), own);
                return own.length + " bytes";
            }
            return "{\"consentRecordsAnonymised\":" + consents.anonymise(subject) + "}";
        }
        byte[] answer = endpoints.call(step.service(), step.kind(), step.userId());
        if (step.kind() == RequestKind.EXPORT) {
            bundles.storePart(step.requestId(), step.service(), answer);
            return answer.length + " bytes";
        }
        String text = new String(answer, StandardCharsets.UTF_8);
        return text.length() > MAX_OUTCOME ? text.substring(0, MAX_OUTCOME) : text;
    }

    private void completeIfDone(PrivacyRequests.Due step) {
        if (!requests.allDone(step.requestId())) {
            return;
        }
        String key = step.kind() == RequestKind.EXPORT ? bundles.bundle(step.requestId(), service.steps()) : null;
        tx.executeWithoutResult(status -> {
            if (requests.completeIfDone(step.requestId(), key)) {
                audit.record("data", step.kind() == RequestKind.ERASURE ? "erasure.completed" : "export.completed",
                        "user:" + step.userId(), Map.of("request", step.requestId().toString()));
            }
        });
    }
}
