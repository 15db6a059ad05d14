package io.xaostech.blog.media;

import io.xaostech.blog.media.MediaLibrary.Media;
import io.xaostech.blog.media.MediaLibrary.Stored;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.jdbc.Timestamps;
import io.xaostech.platform.security.BearerTokens;
import io.xaostech.platform.web.ProblemException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Uploading and listing media (role ADMIN) and serving it to everyone. Files are served as stored, streamed from
 * S3, with their checked type, {@code nosniff}, a CSP that lets nothing run, and long caching: a file under an
 * id never changes.
 */
@RestController
class MediaController {

    /** Nothing in a served file may run or load anything (a browser viewing an image directly needs no more). */
    private static final String SANDBOX = "default-src 'none'; sandbox";

    private final MediaService service;
    private final MediaStore store;
    private final MediaLibrary library;

    MediaController(MediaService service, MediaStore store, MediaLibrary library) {
        this.service = service;
        this.store = store;
        this.library = library;
    }

    @PostMapping(path = "/api/v1/blog/admin/media", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Media> upload(@RequestPart("file") MultipartFile file, @AuthenticationPrincipal Jwt uploader) {
        Media media = service.upload(file, BearerTokens.userId(uploader));
        return ResponseEntity.created(URI.create(url(media.id(), MediaLibrary.ORIGINAL))).body(media);
    }

    @GetMapping("/api/v1/blog/admin/media")
    List<Media> list(@RequestParam(defaultValue = "50") @Min(1) @Max(100) int limit,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant before) {
        if (before != null && !Timestamps.isStorable(before)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "before must lie between 1970 and 9999.");
        }
        return library.newestFirst(limit, before);
    }

    @GetMapping("/api/v1/blog/admin/media/{id}")
    Media get(@PathVariable UUID id) {
        return service.get(id);
    }

    @DeleteMapping("/api/v1/blog/admin/media/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        service.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/blog/media/{id}/{name}")
    ResponseEntity<InputStreamResource> serve(@PathVariable UUID id,
                                              @PathVariable @Pattern(regexp = "original|w[0-9]{1,5}") String name,
                                              @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        Stored stored = library.stored(id, name).orElseThrow(MediaProblems::notFound);
        String etag = "\"" + id + "-" + name + "\"";
        CacheControl forever = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(forever).build();
        }
        boolean image = stored.contentType().startsWith("image/");
        InputStream content;
        try {
            content = store.open(id, name);
        } catch (NoSuchKeyException e) {
            throw MediaProblems.notFound();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(stored.contentType()))
                .contentLength(stored.size())
                .eTag(etag)
                .cacheControl(forever)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", SANDBOX)
                .header(HttpHeaders.CONTENT_DISPOSITION, (image ? ContentDisposition.inline() : ContentDisposition.attachment())
                        .filename(stored.filename()).build().toString())
                .body(new InputStreamResource(content));
    }

    static String url(UUID id, String name) {
        return "/api/v1/blog/media/" + id + "/" + name;
    }
}
