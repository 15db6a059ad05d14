package io.xaostech.data.request;

import io.xaostech.data.audit.AuditLog;
import io.xaostech.data.config.DataProperties;
import io.xaostech.data.consent.ConsentService;
import io.xaostech.data.consent.Subject;
import io.xaostech.platform.dependency.DependencyFailures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
 * {@code xaos.data.retry-max}), for as long as it takes. An attempt owns its step through a claim, so one that
 * outlives its lease records nothing. A request completes only when all its steps are done (retried on every
 * run until it does); an export is then bundled into one ZIP, deleted again when its offer ends.
 */
@Component
class StepRunner {

    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);
    private static final int BATCH = 10;
    /** Longer than a batch of attempts can take (each is bounded by the call's timeouts). */
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final int MAX_OUTCOME = 2_000;

    private final PrivacyRequests requests;
    private final PrivacyEndpoints endpoints;
    private final ExportBundles bundles;
    private final ConsentService consents;
    private final AuditLog audit;
    private final DataProperties properties;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final DependencyFailures failures;

    StepRunner(PrivacyRequests requests, PrivacyEndpoints endpoints, ExportBundles bundles, ConsentService consents,
               AuditLog audit, DataProperties properties, TransactionTemplate tx,
               JsonMapper json, DependencyFailures failures) {
        this.failures = failures;
        this.requests = requests;
        this.endpoints = endpoints;
        this.bundles = bundles;
        this.consents = consents;
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
        completeReady();
        removeExpiredExports();
    }

    private void attempt(PrivacyRequests.Due step) {
        try {
            String outcome = perform(step);
            tx.executeWithoutResult(status -> {
                if (requests.done(step, outcome)) {
                    audit.record("data", "privacy.step.done", "request:" + step.requestId(),
                            Map.of("service", step.service(), "kind", step.kind().name()));
                }
            });
        } catch (RuntimeException e) {
            long factor = 1L << Math.min(step.attempts(), 20);
            Duration retry = properties.retryBase().multipliedBy(factor);
            Duration wait = retry.compareTo(properties.retryMax()) > 0 ? properties.retryMax() : retry;
            failures.record(step.service(), "retry-with-backoff", step.kind().name().toLowerCase(Locale.ROOT)
                    + " for privacy request " + step.requestId() + " (attempt " + (step.attempts() + 1) + ", again in "
                    + wait + ")", e);
            requests.failed(step, String.valueOf(e.getMessage()), wait);
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

    /**
     * Completes every request whose steps are all done: an export is bundled first (from the request's own
     * steps), its parts removed only once the completion is recorded. Whatever fails is tried on the next run.
     */
    private void completeReady() {
        for (PrivacyRequests.Row request : requests.completable(BATCH)) {
            try {
                List<String> parts = requests.steps(request.id()).stream().map(PrivacyRequest.Step::service).toList();
                String key = request.kind() == RequestKind.EXPORT ? bundles.bundle(request.id(), parts) : null;
                boolean completed = Boolean.TRUE.equals(tx.execute(status -> {
                    if (!requests.completeIfDone(request.id(), key)) {
                        return false;
                    }
                    audit.record("data", request.kind() == RequestKind.ERASURE ? "erasure.completed" : "export.completed",
                            "user:" + request.userId(), Map.of("request", request.id().toString()));
                    return true;
                }));
                if (completed && key != null) {
                    bundles.deleteParts(request.id(), parts);
                }
            } catch (RuntimeException e) {
                log.warn("Privacy request {} could not be completed yet: {}", request.id(), e.toString());
            }
        }
    }

    /** Deletes export bundles whose offer ended: nobody's data lies around in the bucket. */
    private void removeExpiredExports() {
        try {
            for (PrivacyRequests.Row request : requests.expiredExports(properties.exportLinkTtl(), BATCH)) {
                bundles.delete(request.exportKey());
                requests.forgetExport(request.id());
            }
        } catch (RuntimeException e) {
            log.warn("Expired exports not removed yet: {}", e.toString());
        }
    }
}
