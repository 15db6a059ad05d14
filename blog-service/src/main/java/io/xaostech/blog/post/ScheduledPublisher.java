package io.xaostech.blog.post;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Publishes scheduled posts when their time comes, within one check interval; safe on every instance at once. */
@Component
class ScheduledPublisher {

    private static final Logger log = LoggerFactory.getLogger(ScheduledPublisher.class);

    private final PostService posts;

    ScheduledPublisher(PostService posts) {
        this.posts = posts;
    }

    @Scheduled(fixedDelayString = "${xaos.blog.publishing.check-interval:5s}")
    void publishDue() {
        int published = posts.publishDue();
        if (published > 0) {
            log.info("Published {} scheduled post(s)", published);
        }
    }
}
