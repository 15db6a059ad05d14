package io.xaostech.lingua.catalogue;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.lingua.language.Languages;
import io.xaostech.platform.crypto.Sha256;
import io.xaostech.platform.web.ProblemException;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Site string catalogues: published by a site with its service token ({@code PUT /internal/catalogues/{site}}) or
 * by an administrator, read by anyone ({@code GET /api/v1/lingua/catalogues/{site}/{language}}, with an ETag and
 * five minutes of caching) for the site's language switch.
 */
@RestController
@Validated
class CatalogueController {

    private static final String SITE = "[a-z][a-z0-9-]{0,39}";
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private final Catalogues catalogues;
    private final JsonMapper json;

    CatalogueController(Catalogues catalogues, JsonMapper json) {
        this.catalogues = catalogues;
        this.json = json;
    }

    @GetMapping("/api/v1/lingua/catalogues/{site}/{language}")
    ResponseEntity<Catalogues.Catalogue> read(@PathVariable @Pattern(regexp = SITE) String site,
                                              @PathVariable String language,
                                              @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        String code = Languages.normalize(language).orElseThrow(() -> new ProblemException(ProblemType.INVALID_REQUEST,
                "'" + language + "' is not a language code.", Map.of("field", "language")));
        Catalogues.Catalogue catalogue = catalogues.in(site, code);
        String etag = "\"" + Sha256.hex(json.writeValueAsString(catalogue)).substring(0, 32) + "\"";
        CacheControl caching = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(304).eTag(etag).cacheControl(caching).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(caching).body(catalogue);
    }

    @PutMapping({"/internal/catalogues/{site}", "/api/v1/lingua/admin/catalogues/{site}"})
    ResponseEntity<Void> publish(@PathVariable @Pattern(regexp = SITE) String site,
                                 @RequestBody Map<String, String> strings) {
        if (strings.size() > Catalogues.MAX_STRINGS) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "A catalogue holds at most "
                    + Catalogues.MAX_STRINGS + " strings.", Map.of("limit", Catalogues.MAX_STRINGS));
        }
        strings.forEach((key, text) -> {
            Matcher valid = KEY.matcher(key);
            if (!valid.matches()) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "Catalogue key '" + key.substring(0,
                        Math.min(40, key.length())) + "' is not 1-200 of A-Z a-z 0-9 . _ -.", Map.of("field", "key"));
            }
            if (text == null || text.isBlank() || text.length() > 2000) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "The text of '" + key
                        + "' must be 1 to 2000 characters.", Map.of("field", key));
            }
        });
        catalogues.publish(site, strings);
        return ResponseEntity.noContent().build();
    }
}
