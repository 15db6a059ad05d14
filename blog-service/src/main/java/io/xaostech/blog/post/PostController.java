package io.xaostech.blog.post;

import io.xaostech.blog.cache.Cached;
import io.xaostech.blog.cache.Revalidated;
import io.xaostech.blog.post.PostViews.PublishedPost;
import io.xaostech.common.page.PageRequest;
import io.xaostech.common.security.Role;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading the blog: published posts by slug and newest first, public, {@link Revalidated}. An old slug
 * redirects permanently to the current one.
 */
@RestController
class PostController {

    private final PostReader reader;
    private final JsonMapper json;

    PostController(PostReader reader, JsonMapper json) {
        this.reader = reader;
        this.json = json;
    }

    @GetMapping("/api/v1/blog/posts")
    ResponseEntity<byte[]> list(@RequestParam(required = false) @Pattern(regexp = PostInput.TAG) String tag,
                                @RequestParam(defaultValue = "10") @Min(1) @Max(PageRequest.MAX_LIMIT) int limit,
                                @RequestParam(required = false) @Size(min = 1, max = 100) String cursor,
                                @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return revalidated(reader.publishedPageJson(tag, cursor, limit), ifNoneMatch);
    }

    @GetMapping("/api/v1/blog/posts/{slug}")
    ResponseEntity<?> get(@PathVariable @Size(max = Slug.MAX_LENGTH)
                               @Pattern(regexp = Slug.PATTERN, message = "is not a slug") String slug,
                               @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                               Authentication caller) {
        Optional<Cached> published = reader.publishedJson(slug);
        if (published.isPresent()) {
            return revalidated(published.get(), ifNoneMatch);
        }
        if (isEditor(caller)) {
            Optional<Post> preview = reader.anyStatus(slug);
            if (preview.isPresent()) {
                return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON)
                        .body(json.writeValueAsString(PublishedPost.of(preview.get())));
            }
        }
        return reader.currentSlug(slug)
                .<ResponseEntity<?>>map(current -> ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
                        .location(URI.create("/api/v1/blog/posts/" + current)).build())
                .orElseThrow(() -> PostProblems.notFound("at '" + slug + "'"));
    }

    private static ResponseEntity<byte[]> revalidated(Cached body, String ifNoneMatch) {
        return Revalidated.body(body, MediaType.APPLICATION_JSON, ifNoneMatch);
    }

    private static boolean isEditor(Authentication caller) {
        return caller != null && caller.getAuthorities().stream()
                .anyMatch(a -> Role.ADMIN.authority().equals(a.getAuthority()));
    }
}
