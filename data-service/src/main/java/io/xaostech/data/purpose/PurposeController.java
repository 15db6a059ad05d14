package io.xaostech.data.purpose;

import io.xaostech.platform.security.BearerTokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Purposes with their current notices (open to all), and administrators adding purposes and notice versions. */
@RestController
class PurposeController {

    private final PurposeService service;

    PurposeController(PurposeService service) {
        this.service = service;
    }

    /** {@code essential} and {@code gpcOptOut} default to false. */
    record NewPurpose(@NotBlank @Pattern(regexp = "[a-z][a-z0-9_-]{0,63}") String code,
                      @NotBlank @Size(max = 200) String name,
                      @Size(max = 2000) String description,
                      Boolean essential,
                      Boolean gpcOptOut,
                      @NotBlank @Size(max = 20_000) String notice) {
    }

    record NewNotice(@NotBlank @Size(max = 20_000) String text) {
    }

    @GetMapping("/api/v1/data/purposes")
    List<Purpose> all() {
        return service.all();
    }

    @PostMapping("/api/v1/data/admin/purposes")
    ResponseEntity<Purpose> create(@Valid @RequestBody NewPurpose body, @AuthenticationPrincipal Jwt admin) {
        Purpose created = service.create(BearerTokens.userId(admin), body.code(), body.name(),
                body.description() == null ? "" : body.description(), Boolean.TRUE.equals(body.essential()),
                Boolean.TRUE.equals(body.gpcOptOut()), body.notice());
        return ResponseEntity.created(URI.create("/api/v1/data/purposes#" + created.code())).body(created);
    }

    @PostMapping("/api/v1/data/admin/purposes/{code}/notices")
    ResponseEntity<Purpose> publish(@PathVariable String code, @Valid @RequestBody NewNotice body,
                                    @AuthenticationPrincipal Jwt admin) {
        return ResponseEntity.status(201).body(service.publishNotice(BearerTokens.userId(admin), code, body.text()));
    }
}
