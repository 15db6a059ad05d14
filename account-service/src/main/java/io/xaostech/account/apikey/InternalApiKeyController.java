package io.xaostech.account.apikey;

import io.xaostech.common.security.ApiKeyResolution;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** For the gateway and services (service token only): who a presented API key belongs to. */
@RestController
class InternalApiKeyController {

    private final ApiKeyService service;

    InternalApiKeyController(ApiKeyService service) {
        this.service = service;
    }

    record ResolveApiKey(@NotBlank @Size(max = 200) String key) {
    }

    @PostMapping("/internal/api-keys/resolve")
    ApiKeyResolution resolve(@Valid @RequestBody ResolveApiKey request) {
        return service.resolve(request.key());
    }
}
