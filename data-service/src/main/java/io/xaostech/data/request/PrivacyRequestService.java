package io.xaostech.data.request;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.data.audit.AuditLog;
import io.xaostech.data.config.DataProperties;
import io.xaostech.platform.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Filing and following privacy requests. A request has a step per data-owning service and one for data-service's
 * own records ({@value #OWN_STEP}); an erasure is written to the audit log (the ledger) before any step runs.
 * One request of a kind runs per person at a time.
 */
@Service
public class PrivacyRequestService {

    /** The step for data-service's own records (consents). */
    static final String OWN_STEP = "data";
    /** How long one download link works (the bundle itself is offered until the export's expiry). */
    static final Duration LINK_VALIDITY = Duration.ofMinutes(5);

    private final PrivacyRequests requests;
    private final ExportBundles bundles;
    private final AuditLog audit;
    private final DataProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    PrivacyRequestService(PrivacyRequests requests, ExportBundles bundles, AuditLog audit, DataProperties properties,
                          TransactionTemplate tx, Clock clock) {
        this.requests = requests;
        this.bundles = bundles;
        this.audit = audit;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /** Every step of a request of this service's configuration, its own last. */
    List<String> steps() {
        List<String> steps = new ArrayList<>(properties.privacyServices());
        steps.add(OWN_STEP);
        return steps;
    }

    PrivacyRequest file(UUID user, RequestKind kind, UUID filedBy, String note) {
        UUID id = UUID.randomUUID();
        Instant due = clock.instant().plus(Duration.ofDays(properties.requestDeadlineDays()));
        try {
            tx.executeWithoutResult(status -> {
                requests.running(user, kind).ifPresent(running -> {
                    throw running(kind, running);
                });
                requests.insert(id, user, kind, filedBy, note, due, steps());
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("request", id.toString());
                details.put("steps", steps());
                if (note != null) {
                    details.put("note", note);
                }
                audit.record(filedBy.toString(), kind == RequestKind.ERASURE ? "erasure.requested" : "export.requested",
                        "user:" + user, details);
            });
        } catch (DuplicateKeyException e) {
            throw running(kind, requests.running(user, kind).orElse(null));
        }
        return view(id);
    }

    PrivacyRequest view(UUID id) {
        PrivacyRequests.Row row = requests.find(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No privacy request " + id + "."));
        Instant expires = row.completedAt() == null || row.exportKey() == null ? null
                : row.completedAt().plus(properties.exportLinkTtl());
        String link = offered(expires) ? "/api/v1/data/privacy-requests/" + id + "/export" : null;
        return new PrivacyRequest(row.id(), row.userId(), row.kind(), row.status(), row.filedBy(), row.note(),
                row.filedAt(), row.dueAt(), row.completedAt(), requests.steps(id), link, expires);
    }

    List<PrivacyRequest> of(UUID user, int limit) {
        return requests.of(user, limit).stream().map(row -> view(row.id())).toList();
    }

    /** A short-lived download link of the export's bundle, while the export is offered. */
    String downloadLink(PrivacyRequest request) {
        if (request.kind() != RequestKind.EXPORT) {
            throw new ProblemException(ProblemType.NOT_FOUND, "An erasure has nothing to download.");
        }
        if (request.completedAt() == null) {
            throw new ProblemException(ProblemType.CONFLICT, "The export is still being gathered.");
        }
        if (!offered(request.exportExpiresAt())) {
            throw new ProblemException(ProblemType.GONE, "The export is no longer offered; ask for a new one.");
        }
        Duration left = Duration.between(clock.instant(), request.exportExpiresAt());
        return bundles.link(requests.find(request.id()).orElseThrow().exportKey(),
                left.compareTo(LINK_VALIDITY) < 0 ? left : LINK_VALIDITY);
    }

    /** Whether an export expiring then is still offered (a presigned link lives a second at least). */
    private boolean offered(Instant expires) {
        return expires != null && clock.instant().plusSeconds(1).isBefore(expires);
    }

    private static ProblemException running(RequestKind kind, UUID running) {
        return new ProblemException(ProblemType.CONFLICT, "A" + (kind == RequestKind.EXPORT ? "n export" : "n erasure")
                + " is already running: " + running + ".", running == null ? Map.of()
                : Map.of("runningRequest", running.toString()));
    }
}
