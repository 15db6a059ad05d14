package io.xaostech.blog.media;

import io.xaostech.blog.config.BlogProperties;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes media no post has used for the grace period (uploaded and never used, or left behind by a deleted or
 * edited post), counted from when it stopped being used; each deletion is logged. Rows are locked with SKIP
 * LOCKED, so instances running it at the same time share the work instead of repeating it.
 */
@Component
class OrphanCleanup {

    private static final Logger log = LoggerFactory.getLogger(OrphanCleanup.class);
    private static final int BATCH = 50;

    private final MediaLibrary library;
    private final MediaStore store;
    private final TransactionTemplate tx;
    private final BlogProperties.Media limits;
    private final Clock clock;

    OrphanCleanup(MediaLibrary library, MediaStore store, TransactionTemplate tx, BlogProperties properties, Clock clock) {
        this.library = library;
        this.store = store;
        this.tx = tx;
        this.limits = properties.media();
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${xaos.blog.media.cleanup-interval:1h}", initialDelayString = "1m")
    void run() {
        int deleted;
        do {
            deleted = deleteBatch();
        } while (deleted == BATCH);
    }

    /**
     * One batch: the records go in one transaction, then their files (a file left behind by a failing S3 is only
     * wasted storage; a record left without its files would be served broken). Answers how many were deleted.
     */
    int deleteBatch() {
        Map<UUID, List<String>> deleted = tx.execute(status ->
                library.deleteOrphans(clock.instant().minus(limits.orphanGrace()), BATCH));
        if (deleted == null) {
            return 0;
        }
        deleted.forEach((id, files) -> {
            try {
                store.delete(id, files);
                log.info("Deleted media {} that no post has used for {}", id, limits.orphanGrace());
            } catch (RuntimeException e) {
                log.warn("Media {} deleted, but its files could not be removed from S3: {}", id, e.getMessage());
            }
        });
        return deleted.size();
    }
}
