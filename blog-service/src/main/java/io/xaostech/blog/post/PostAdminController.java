package io.xaostech.blog.post;

import io.xaostech.platform.jdbc.KeysetCursor;

import io.xaostech.blog.post.PostViews.EditablePost;
import io.xaostech.blog.post.PostViews.PostSummary;
import io.xaostech.blog.post.PostViews.Revision;
import io.xaostech.common.page.Page;
import io.xaostech.common.page.PageRequest;
import io.xaostech.platform.jdbc.Pages;
import io.xaostech.platform.security.BearerTokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The editors' API (role ADMIN, enforced by the security chain): every status, revisions, optimistic locking. */
@RestController
@RequestMapping("/api/v1/blog/admin/posts")
class PostAdminController {

    private final PostService service;

    PostAdminController(PostService service) {
        this.service = service;
    }

    @GetMapping
    Page<PostSummary> list(@RequestParam(required = false) PostStatus status,
                           @RequestParam(defaultValue = "20") @Min(1) @Max(PageRequest.MAX_LIMIT) int limit,
                           @RequestParam(required = false) @Size(min = 1, max = 100) String cursor) {
        List<Post> found = service.list(status, KeysetCursor.decode(cursor), limit + 1);
        return Pages.of(found, limit, post -> new KeysetCursor(post.updatedAt(), post.id().value()).encode(),
                PostSummary::of);
    }

    @PostMapping
    ResponseEntity<EditablePost> create(@Valid @RequestBody PostInput input, @AuthenticationPrincipal Jwt editor) {
        Post post = service.create(input, editorId(editor));
        return ResponseEntity.created(URI.create("/api/v1/blog/admin/posts/" + post.id()))
                .eTag(post.etag()).body(EditablePost.of(post));
    }

    @GetMapping("/{id}")
    ResponseEntity<EditablePost> get(@PathVariable UUID id) {
        Post post = service.get(new PostId(id));
        return ResponseEntity.ok().eTag(post.etag()).body(EditablePost.of(post));
    }

    @PutMapping("/{id}")
    ResponseEntity<EditablePost> replace(@PathVariable UUID id, @Valid @RequestBody PostInput input,
                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                         @AuthenticationPrincipal Jwt editor) {
        Post post = service.update(new PostId(id), IfMatch.required(ifMatch), input, editorId(editor));
        return ResponseEntity.ok().eTag(post.etag()).body(EditablePost.of(post));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        service.delete(new PostId(id), IfMatch.optional(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/revisions")
    Page<Revision> revisions(@PathVariable UUID id,
                             @RequestParam(defaultValue = "20") @Min(1) @Max(PageRequest.MAX_LIMIT) int limit,
                             @RequestParam(required = false) @Min(1) Integer before) {
        return Pages.of(service.revisions(new PostId(id), before, limit + 1), limit,
                revision -> String.valueOf(revision.revision()), revision -> revision);
    }

    @PostMapping("/{id}/revisions/{revision}/restore")
    ResponseEntity<EditablePost> restore(@PathVariable UUID id, @PathVariable @Min(1) int revision,
                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                         @AuthenticationPrincipal Jwt editor) {
        Post post = service.restore(new PostId(id), revision, IfMatch.required(ifMatch), editorId(editor));
        return ResponseEntity.ok().eTag(post.etag()).body(EditablePost.of(post));
    }

    private static UUID editorId(Jwt jwt) {
        return BearerTokens.userId(jwt);
    }
}
