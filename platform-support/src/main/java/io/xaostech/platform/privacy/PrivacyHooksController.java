package io.xaostech.platform.privacy;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.service.XaosService;
import io.xaostech.platform.web.ProblemException;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal privacy endpoints. The internal security chain admits service tokens only, and of those only
 * data-service's: it alone carries out privacy requests, and another service's token must not export or erase a
 * person (an erasure at account deletes the account).
 */
@RestController
class PrivacyHooksController {

    /** The client of the one service that files privacy requests with the others. */
    static final String DATA_CLIENT = "svc-" + XaosService.DATA.id();

    private final PersonalDataHooks hooks;

    PrivacyHooksController(PersonalDataHooks hooks) {
        this.hooks = hooks;
    }

    @GetMapping("/internal/privacy/export/{userId}")
    Object export(@PathVariable UUID userId, @AuthenticationPrincipal Jwt caller) {
        return hooks.export(fromData(caller, userId));
    }

    @PostMapping("/internal/privacy/erase/{userId}")
    Object erase(@PathVariable UUID userId, @AuthenticationPrincipal Jwt caller) {
        return hooks.erase(fromData(caller, userId));
    }

    private static UUID fromData(Jwt caller, UUID userId) {
        if (caller == null || !DATA_CLIENT.equals(caller.getSubject())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only data-service carries out privacy requests.");
        }
        return userId;
    }
}
