package io.xaostech.data.audit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administrators check that the audit log is whole. */
@RestController
class AuditController {

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/api/v1/data/admin/audit/verification")
    AuditLog.Verification verify() {
        return log.verify();
    }
}
