package io.xaostech.payments.reconcile;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Administrators read the latest reconciliation reports and can run one now. */
@RestController
class ReconciliationController {

    private final Reconciliation reconciliation;

    ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GetMapping("/api/v1/payments/admin/reconciliations")
    List<Reconciliation.Report> recent(@RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit) {
        return reconciliation.recent(limit);
    }

    @PostMapping("/api/v1/payments/admin/reconciliations")
    Reconciliation.Report run() {
        return reconciliation.run();
    }
}
