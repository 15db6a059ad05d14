package io.xaostech.blog.post;

import io.xaostech.platform.jdbc.KeysetCursor;

import io.xaostech.blog.cache.ContentCache;
import io.xaostech.blog.media.MediaReferences;
import io.xaostech.blog.post.PostViews.Revision;
import io.xaostech.blog.render.MarkdownRenderer;
import io.xaostech.blog.render.Rendered;
import io.xaostech.platform.jdbc.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The editorial lifecycle. Every save renders the Markdown, records a revision and, once committed, retires
 * the reader cache; every change to an existing post names the version it was made against.
 */
@Service
class PostService {

    private static final int MAX_SLUG_ATTEMPTS = 50;

    private final Posts posts;
    private final Revisions revisions;
    private final MarkdownRenderer renderer;
    private final ContentCache cache;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MediaReferences media;

    PostService(Posts posts, Revisions revisions, MarkdownRenderer renderer, ContentCache cache,
                TransactionTemplate tx, Clock clock, MediaReferences media) {
        this.media = media;
        this.posts = posts;
        this.revisions = revisions;
        this.renderer = renderer;
        this.cache = cache;
        this.tx = tx;
        this.clock = clock;
    }

    Post create(PostInput input, UUID editor) {
        PostId id = PostId.random();
        Post created = tx.execute(status -> {
            PostInput in = publication(input.withSlug(freeSlug(input, null)), null);
            posts.claimSlug(in.slug());
            insertOrConflict(id, in, renderer.post(in.bodyMarkdown()), editor);
            trackMedia(id, in);
            revisions.add(id, editor, in);
            return posts.find(id).orElseThrow();
        });
        cache.changed();
        return created;
    }

    Post update(PostId id, int expectedVersion, PostInput input, UUID editor) {
        Post updated = tx.execute(status -> save(id, expectedVersion, input, editor));
        cache.changed();
        return updated;
    }

    /** Makes an earlier revision's content current again (publication status stays as it is now). */
    Post restore(PostId id, int revision, int expectedVersion, UUID editor) {
        Post restored = tx.execute(status -> {
            Post current = posts.find(id).orElseThrow(() -> PostProblems.notFound("with id " + id));
            PostInput old = revisions.find(id, revision)
                    .orElseThrow(() -> PostProblems.notFound(id + " revision " + revision));
            return save(id, expectedVersion, old.withPublication(current.status(), current.publishedAt()), editor);
        });
        cache.changed();
        return restored;
    }

    void delete(PostId id, Integer expectedVersion) {
        tx.executeWithoutResult(status -> {
            Post current = posts.find(id).orElseThrow(() -> PostProblems.notFound("with id " + id));
            int version = expectedVersion == null ? current.version() : expectedVersion;
            media.track(id.value());
            if (!posts.delete(id, version)) {
                throw PostProblems.stale(posts.find(id).orElse(current));
            }
        });
        cache.changed();
    }

    Post get(PostId id) {
        return posts.find(id).orElseThrow(() -> PostProblems.notFound("with id " + id));
    }

    List<Post> list(PostStatus status, KeysetCursor after, int limit) {
        return posts.all(status, after, limit);
    }

    List<Revision> revisions(PostId id, Integer before, int limit) {
        get(id);
        return revisions.list(id, before, limit);
    }

    /** Publishes the scheduled posts whose time has come; answers how many. */
    int publishDue() {
        int published = posts.publishDue(clock.instant());
        if (published > 0) {
            cache.changed();
        }
        return published;
    }

    private Post save(PostId id, int expectedVersion, PostInput input, UUID editor) {
        Post current = posts.find(id).orElseThrow(() -> PostProblems.notFound("with id " + id));
        if (current.version() != expectedVersion) {
            throw PostProblems.stale(current);
        }
        String slug = input.slug() == null ? current.slug() : input.slug();
        if (posts.slugInUse(slug, id)) {
            throw PostProblems.slugTaken(slug);
        }
        PostInput in = publication(input.withSlug(slug), current);
        Rendered rendered = renderer.post(in.bodyMarkdown());
        if (!updateOrConflict(id, expectedVersion, in, rendered)) {
            throw PostProblems.stale(posts.find(id).orElseThrow(() -> PostProblems.notFound("with id " + id)));
        }
        if (!slug.equals(current.slug())) {
            posts.slugChanged(id, current.slug(), slug);
        }
        trackMedia(id, in);
        revisions.add(id, editor, in);
        return posts.find(id).orElseThrow();
    }

    /**
     * Settles status and time: publishing without a time means now (or keeps the first publication time);
     * publishing or scheduling for a future time schedules; scheduling needs a future time.
     */
    private PostInput publication(PostInput in, Post current) {
        Instant now = clock.instant();
        // PostgreSQL keeps microseconds: what the editor gets back is what is stored.
        Instant at = in.publishedAt() == null ? null : in.publishedAt().truncatedTo(ChronoUnit.MICROS);
        if (at != null && !Timestamps.isStorable(at)) {
            throw PostProblems.invalidPublication("publishedAt must lie between 1970 and 9999.");
        }
        return switch (in.status()) {
            case PUBLISHED, SCHEDULED -> {
                if (at == null && in.status() == PostStatus.SCHEDULED) {
                    throw PostProblems.invalidPublication("A scheduled post needs publishedAt, a time in the future.");
                }
                if (at == null) {
                    at = current != null && current.publishedAt() != null && current.status() != PostStatus.SCHEDULED
                            ? current.publishedAt() : now;
                }
                if (at.isAfter(now)) {
                    yield in.withPublication(PostStatus.SCHEDULED, at);
                }
                if (in.status() == PostStatus.SCHEDULED) {
                    throw PostProblems.invalidPublication("publishedAt of a scheduled post must be in the future; "
                            + "to publish now, set status PUBLISHED.");
                }
                yield in.withPublication(PostStatus.PUBLISHED, at);
            }
            case DRAFT, ARCHIVED -> in.withPublication(in.status(), current == null ? null : current.publishedAt());
        };
    }

    /** The requested slug if free (409 if not), or the title's slug with the first free numeric suffix. */
    private String freeSlug(PostInput in, PostId self) {
        if (in.slug() != null) {
            if (posts.slugInUse(in.slug(), self)) {
                throw PostProblems.slugTaken(in.slug());
            }
            return in.slug();
        }
        Slug base = Slug.fromTitle(in.title());
        Slug candidate = base;
        for (int n = 2; posts.slugInUse(candidate.value(), self); n++) {
            if (n > MAX_SLUG_ATTEMPTS) {
                throw PostProblems.slugTaken(base.value());
            }
            candidate = base.withSuffix(n);
        }
        return candidate.value();
    }

    private void trackMedia(PostId id, PostInput in) {
        media.track(id.value(), in.bodyMarkdown(), in.coverImageUrl(), in.seo().ogImageUrl());
    }

    private boolean updateOrConflict(PostId id, int expectedVersion, PostInput in, Rendered rendered) {
        try {
            return posts.update(id, expectedVersion, in, rendered);
        } catch (DuplicateKeyException e) {
            throw PostProblems.slugTaken(in.slug());
        }
    }

    private void insertOrConflict(PostId id, PostInput in, Rendered rendered, UUID author) {
        try {
            posts.insert(id, in, rendered, author);
        } catch (DuplicateKeyException e) {
            throw PostProblems.slugTaken(in.slug());
        }
    }
}
