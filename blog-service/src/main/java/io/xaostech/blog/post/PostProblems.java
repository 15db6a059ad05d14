package io.xaostech.blog.post;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import java.util.Map;

/** The ways a post request can fail, each a problem with a stable type. */
final class PostProblems {

    private PostProblems() {
    }

    static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, "No post " + what + ".");
    }

    static ProblemException slugTaken(String slug) {
        return new ProblemException(ProblemType.CONFLICT, "Another post already has the slug '" + slug + "'.",
                Map.of("slug", slug));
    }

    static ProblemException stale(Post current) {
        return new ProblemException(ProblemType.PRECONDITION_FAILED, "The post changed since you read it (it is now "
                + "at version " + current.version() + "); reload it and apply your change again.",
                Map.of("currentVersion", current.version()));
    }

    static ProblemException ifMatchRequired() {
        return new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                "Send the post's ETag in If-Match, so a change made by someone else in the meantime is not overwritten.");
    }

    static ProblemException invalidPublication(String detail) {
        return new ProblemException(ProblemType.UNPROCESSABLE, detail);
    }
}
