package io.xaostech.blog.media;

import io.xaostech.blog.config.BlogProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes media no post has used for the grace period (uploaded and never used, or left behind by a deleted or
 * edited post), files first and then the record, each logged. Rows are locked with SKIP LOCKED, so instances
 * running it at the same time share the work instead of repeating it.
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

    /** One batch in one transaction; answers how many media were deleted. */
    int deleteBatch() {
        Integer deleted = tx.execute(status -> {
            List<UUID> orphans = library.lockOrphans(clock.instant().minus(limits.orphanGrace()), BATCH);
            for (UUID id : orphans) {
                List<String> files = new ArrayList<>(library.variantNames(id));
                files.add(MediaLibrary.ORIGINAL);
                store.delete(id, files);
                library.delete(id);
                log.info("Deleted media {} that no post has used for {}", id, limits.orphanGrace());
            }
            return orphans.size();
        });
        return deleted == null ? 0 : deleted;
    }
}
