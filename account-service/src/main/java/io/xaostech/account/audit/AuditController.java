package io.xaostech.account.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import io.xaostech.common.page.Page;
import io.xaostech.common.page.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail for administrators (ADMIN only, enforced by the security chain). */
@RestController
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/account/admin/audit-events")
    Page<AuditLog.Event> recent(@RequestParam(required = false) @Size(max = 100) String subject,
                                @RequestParam(defaultValue = "50") @Min(1) @Max(PageRequest.MAX_LIMIT) int limit,
                                @RequestParam(required = false) @Size(min = 1, max = 20) String cursor) {
        return audit.recent(subject, new PageRequest(limit, cursor));
    }
}
