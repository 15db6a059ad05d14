package io.xaostech.platform.privacy;

import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The internal privacy endpoints (the internal security chain admits service tokens only). */
@RestController
class PrivacyHooksController {

    private final PersonalDataHooks hooks;

    PrivacyHooksController(PersonalDataHooks hooks) {
        this.hooks = hooks;
    }

    @GetMapping("/internal/privacy/export/{userId}")
    Object export(@PathVariable UUID userId) {
        return hooks.export(userId);
    }

    @PostMapping("/internal/privacy/erase/{userId}")
    Object erase(@PathVariable UUID userId) {
        return hooks.erase(userId);
    }
}
