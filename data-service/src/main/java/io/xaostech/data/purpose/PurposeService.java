package io.xaostech.data.purpose;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.data.audit.AuditLog;
import io.xaostech.platform.crypto.Sha256;
import io.xaostech.platform.web.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Purposes and their notices: read by everyone, changed by administrators, every change audited. */
@Service
public class PurposeService {

    private final Purposes purposes;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    PurposeService(Purposes purposes, AuditLog audit, ApplicationEventPublisher events) {
        this.purposes = purposes;
        this.audit = audit;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<Purpose> all() {
        return purposes.all();
    }

    /** A purpose by code, or a 422 naming the unknown code. */
    @Transactional(readOnly = true)
    public Purpose get(String code) {
        return purposes.find(code).orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE,
                "Unknown purpose '" + code + "'."));
    }

    @Transactional
    Purpose create(UUID admin, String code, String name, String description, boolean essential, boolean gpcOptOut,
                   String notice) {
        if (!purposes.insert(code, name, description, essential, gpcOptOut)) {
            throw new ProblemException(ProblemType.CONFLICT, "A purpose '" + code + "' exists already.");
        }
        purposes.publish(code, notice, Sha256.hex(notice), admin);
        audit.record(admin.toString(), "purpose.created", code, Map.of("essential", essential, "gpcOptOut", gpcOptOut));
        return purposes.find(code).orElseThrow();
    }

    /** Publishes the purpose's next notice version; consents to earlier versions need renewing from now on. */
    @Transactional
    Purpose publishNotice(UUID admin, String code, String text) {
        get(code);
        String sha256 = Sha256.hex(text);
        int version = purposes.publish(code, text, sha256, admin);
        audit.record(admin.toString(), "notice.published", code, Map.of("version", version, "sha256", sha256));
        events.publishEvent(new NoticePublished(code, version));
        return purposes.find(code).orElseThrow();
    }
}
