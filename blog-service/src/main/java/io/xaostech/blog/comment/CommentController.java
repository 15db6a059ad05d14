package io.xaostech.blog.comment;

import io.xaostech.blog.comment.CommentViews.Edit;
import io.xaostech.blog.comment.CommentViews.NewComment;
import io.xaostech.blog.comment.CommentViews.OwnComment;
import io.xaostech.blog.comment.CommentViews.Thread;
import io.xaostech.common.page.Page;
import io.xaostech.platform.security.BearerTokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Readers' side: read a post's comments (public), post one (signed in), change your own for a while. */
@RestController
class CommentController {

    private final CommentService service;

    CommentController(CommentService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/blog/posts/{slug}/comments")
    Page<Thread> threads(@PathVariable @Size(max = 200) String slug,
                         @RequestParam(defaultValue = "50") @Min(1) @Max(100) int limit,
                         @RequestParam(required = false) @Size(min = 1, max = 100) String cursor) {
        return service.threads(slug, cursor, limit);
    }

    @PostMapping("/api/v1/blog/posts/{slug}/comments")
    ResponseEntity<OwnComment> create(@PathVariable @Size(max = 200) String slug, @Valid @RequestBody NewComment body,
                                      @AuthenticationPrincipal Jwt user) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(OwnComment.of(service.create(slug, BearerTokens.userId(user), body)));
    }

    @PatchMapping("/api/v1/blog/comments/{id}")
    OwnComment edit(@PathVariable UUID id, @Valid @RequestBody Edit body, @AuthenticationPrincipal Jwt user) {
        return OwnComment.of(service.edit(id, BearerTokens.userId(user), body.body()));
    }

    @DeleteMapping("/api/v1/blog/comments/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, @AuthenticationPrincipal Jwt user) {
        service.deleteOwn(id, BearerTokens.userId(user));
        return ResponseEntity.noContent().build();
    }
}
