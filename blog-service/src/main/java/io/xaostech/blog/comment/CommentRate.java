package io.xaostech.blog.comment;

import io.xaostech.blog.config.BlogProperties;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.redis.FixedWindowLimit;
import io.xaostech.platform.web.ProblemException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** At most N comments per user per hour, counted in Redis; more is a 429 saying when to try again. */
@Component
class CommentRate {

    private static final Duration WINDOW = Duration.ofHours(1);

    private final FixedWindowLimit limit;
    private final BlogProperties.Comments rules;

    CommentRate(FixedWindowLimit limit, BlogProperties properties) {
        this.limit = limit;
        this.rules = properties.comments();
    }

    void admit(UUID user) {
        limit.admit("comment", user.toString(), rules.perUserPerHour(), WINDOW).ifPresent(retryAfter -> {
            throw new ProblemException(ProblemType.RATE_LIMITED, "You have posted " + rules.perUserPerHour()
                    + " comments this hour; try again later.", Map.of(ProblemException.RETRY_AFTER_PROPERTY, retryAfter));
        });
    }
}
