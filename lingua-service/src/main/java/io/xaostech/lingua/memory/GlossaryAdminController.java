package io.xaostech.lingua.memory;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administrators' API for the glossary (role ADMIN): terms kept as they are or always translated one way. */
@RestController
@RequestMapping("/api/v1/lingua/admin/glossary")
class GlossaryAdminController {

    private final Glossary glossary;

    GlossaryAdminController(Glossary glossary) {
        this.glossary = glossary;
    }

    /** {@code translation} absent: the term is never translated. */
    record TermInput(@NotBlank @Pattern(regexp = "[A-Za-z]{2,3}") String source,
                     @NotBlank @Pattern(regexp = "[A-Za-z]{2,3}") String target,
                     @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\r\\n]+", message = "must be one line") String term,
                     @Size(min = 1, max = 500) @Pattern(regexp = "[^\\r\\n]+", message = "must be one line") String translation) {
    }

    @GetMapping
    List<GlossaryEntry> list() {
        return glossary.all();
    }

    @PostMapping
    ResponseEntity<GlossaryEntry> add(@Valid @RequestBody TermInput input) {
        GlossaryEntry entry = glossary.save(UUID.randomUUID(), MemoryAdminController.pair(input.source(), input.target()),
                input.term().strip(), input.translation());
        return ResponseEntity.created(URI.create("/api/v1/lingua/admin/glossary/" + entry.id())).body(entry);
    }

    @PutMapping("/{id}")
    GlossaryEntry replace(@PathVariable UUID id, @Valid @RequestBody TermInput input) {
        glossary.find(id).orElseThrow(() -> notFound(id));
        return glossary.save(id, MemoryAdminController.pair(input.source(), input.target()), input.term().strip(),
                input.translation());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        if (!glossary.delete(id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException(ProblemType.NOT_FOUND, "No glossary term " + id + ".");
    }
}
