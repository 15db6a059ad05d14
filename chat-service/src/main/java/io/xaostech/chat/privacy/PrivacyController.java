package io.xaostech.chat.privacy;

import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The privacy hooks data-service calls with a service token (enforced by the internal security chain). */
@RestController
class PrivacyController {

    private final PersonalData data;

    PrivacyController(PersonalData data) {
        this.data = data;
    }

    @GetMapping("/internal/privacy/export/{userId}")
    PersonalData.Export export(@PathVariable UUID userId) {
        return data.export(userId);
    }

    @PostMapping("/internal/privacy/erase/{userId}")
    PersonalData.Erasure erase(@PathVariable UUID userId) {
        return data.erase(userId);
    }
}
