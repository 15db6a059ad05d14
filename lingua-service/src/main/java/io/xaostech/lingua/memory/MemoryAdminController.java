package io.xaostech.lingua.memory;

import io.xaostech.common.page.Page;
import io.xaostech.common.page.PageRequest;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.lingua.language.LanguagePair;
import io.xaostech.lingua.language.Languages;
import io.xaostech.platform.jdbc.KeysetCursor;
import io.xaostech.platform.jdbc.Pages;
import io.xaostech.platform.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators' API for the translation memory (role ADMIN, enforced by the security chain): list, add, edit,
 * delete, and import/export as TMX or CSV.
 */
@RestController
@RequestMapping("/api/v1/lingua/admin/memory")
class MemoryAdminController {

    static final MediaType TMX = MediaType.parseMediaType("application/x-tmx+xml");
    static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final TranslationMemory memory;

    MemoryAdminController(TranslationMemory memory) {
        this.memory = memory;
    }

    record EntryInput(@NotBlank @Pattern(regexp = "[A-Za-z]{2,3}") String source,
                      @NotBlank @Pattern(regexp = "[A-Za-z]{2,3}") String target,
                      @NotNull @Size(min = 1, max = MemoryEntry.MAX_SOURCE) String sourceText,
                      @NotNull @Size(min = 1, max = MemoryEntry.MAX_TARGET) String targetText) {

        LanguagePair pair() {
            return MemoryAdminController.pair(source, target);
        }
    }

    record ImportResult(int imported) {
    }

    @GetMapping
    Page<MemoryEntry> list(@RequestParam(required = false) @Pattern(regexp = "[A-Za-z]{2,3}") String source,
                           @RequestParam(required = false) @Pattern(regexp = "[A-Za-z]{2,3}") String target,
                           @RequestParam(defaultValue = "20") @Min(1) @Max(PageRequest.MAX_LIMIT) int limit,
                           @RequestParam(required = false) @Size(min = 1, max = 100) String cursor) {
        List<MemoryEntry> rows = memory.list(optionalPair(source, target), KeysetCursor.decode(cursor), limit + 1);
        return Pages.of(rows, limit, e -> new KeysetCursor(e.updatedAt(), e.id()).encode(), e -> e);
    }

    @GetMapping("/{id}")
    MemoryEntry get(@PathVariable UUID id) {
        return memory.find(id).orElseThrow(() -> notFound(id));
    }

    @PostMapping
    ResponseEntity<MemoryEntry> put(@Valid @RequestBody EntryInput input) {
        MemoryEntry entry = memory.put(input.pair(), input.sourceText(), input.targetText(), "curated");
        return ResponseEntity.created(URI.create("/api/v1/lingua/admin/memory/" + entry.id())).body(entry);
    }

    @PutMapping("/{id}")
    MemoryEntry update(@PathVariable UUID id, @Valid @RequestBody EntryInput input) {
        MemoryEntry current = memory.find(id).orElseThrow(() -> notFound(id));
        if (!current.source().equals(input.pair().source()) || !current.target().equals(input.pair().target())) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "An entry keeps its direction ("
                    + current.source() + "-" + current.target() + "); add a new entry for another one.");
        }
        try {
            return memory.update(id, input.sourceText(), input.targetText()).orElseThrow(() -> notFound(id));
        } catch (DuplicateKeyException e) {
            throw new ProblemException(ProblemType.CONFLICT, "Another entry of " + input.pair()
                    + " already translates that source text.");
        }
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        if (!memory.delete(id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/import", consumes = {"application/x-tmx+xml", "application/xml", "text/xml"})
    ImportResult importTmx(@RequestBody byte[] file) {
        return new ImportResult(memory.importAll(MemoryFiles.readTmx(new ByteArrayInputStream(file))));
    }

    @PostMapping(path = "/import", consumes = "text/csv")
    ImportResult importCsv(@RequestBody byte[] file) {
        return new ImportResult(memory.importAll(MemoryFiles.readCsv(new String(file, StandardCharsets.UTF_8))));
    }

    @GetMapping("/export")
    ResponseEntity<String> export(@RequestParam(defaultValue = "tmx") @Pattern(regexp = "tmx|csv") String format,
                                                 @RequestParam(required = false) @Pattern(regexp = "[A-Za-z]{2,3}") String source,
                                                 @RequestParam(required = false) @Pattern(regexp = "[A-Za-z]{2,3}") String target) {
        LanguagePair pair = optionalPair(source, target);
        List<MemoryEntry> entries = memory.all(pair);
        boolean tmx = format.equals("tmx");
        StringWriter body = new StringWriter();
        try {
            if (tmx) {
                MemoryFiles.writeTmx(body, pair == null ? null : pair.source(), entries);
            } else {
                MemoryFiles.writeCsv(body, entries);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return ResponseEntity.ok()
                .contentType(tmx ? TMX : new MediaType(CSV, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"translation-memory."
                        + format + "\"")
                .body(body.toString());
    }

    static LanguagePair pair(String source, String target) {
        String from = Languages.normalize(source).orElseThrow(() -> unknown(source));
        String to = Languages.normalize(target).orElseThrow(() -> unknown(target));
        if (from.equals(to)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "source and target are the same language ("
                    + from + ").");
        }
        return new LanguagePair(from, to);
    }

    private static LanguagePair optionalPair(String source, String target) {
        if (source == null && target == null) {
            return null;
        }
        if (source == null || target == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "Give both source and target, or neither.");
        }
        return pair(source, target);
    }

    private static ProblemException unknown(String code) {
        return new ProblemException(ProblemType.INVALID_REQUEST, "'" + code + "' is not a language code.",
                Map.of("language", String.valueOf(code)));
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException(ProblemType.NOT_FOUND, "No translation memory entry " + id + ".");
    }
}
