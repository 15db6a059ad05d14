package io.xaostech.blog.comment;

import io.xaostech.blog.comment.CommentViews.Ban;
import io.xaostech.blog.comment.CommentViews.Bulk;
import io.xaostech.blog.comment.CommentViews.BulkAction;
import io.xaostech.blog.comment.CommentViews.ModeratedComment;
import io.xaostech.common.page.Page;
import io.xaostech.platform.security.BearerTokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Moderators (role ADMIN): the queue, one-by-one and bulk decisions, banning commenters. */
@RestController
@RequestMapping("/api/v1/blog/admin")
class CommentAdminController {

    private final CommentService service;

    CommentAdminController(CommentService service) {
        this.service = service;
    }

    @GetMapping("/comments")
    Page<ModeratedComment> queue(@RequestParam(defaultValue = "PENDING") CommentStatus status,
                                 @RequestParam(defaultValue = "50") @Min(1) @Max(100) int limit,
                                 @RequestParam(required = false) @Size(min = 1, max = 100) String cursor) {
        Page<Comment> page = service.queue(status, cursor, limit);
        return new Page<>(page.items().stream().map(ModeratedComment::of).toList(), page.nextCursor());
    }

    @PostMapping("/comments/{id}/approve")
    ResponseEntity<Void> approve(@PathVariable UUID id) {
        service.moderateOne(id, BulkAction.APPROVE);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/comments/{id}/reject")
    ResponseEntity<Void> reject(@PathVariable UUID id) {
        service.moderateOne(id, BulkAction.REJECT);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/comments/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        service.moderateOne(id, BulkAction.DELETE);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/comments/bulk")
    Map<String, Integer> bulk(@Valid @RequestBody Bulk bulk) {
        return Map.of("changed", service.moderate(bulk.ids(), bulk.action()));
    }

    @PutMapping("/commenters/{userId}/ban")
    ResponseEntity<Void> ban(@PathVariable UUID userId, @Valid @RequestBody(required = false) Ban ban,
                             @AuthenticationPrincipal Jwt admin) {
        service.ban(userId, BearerTokens.userId(admin), ban == null ? null : ban.reason());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/commenters/{userId}/ban")
    ResponseEntity<Void> unban(@PathVariable UUID userId) {
        service.unban(userId);
        return ResponseEntity.noContent().build();
    }
}
