package io.xaostech.platform.web;

import io.xaostech.common.problem.ProblemType;
import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the problem bodies of both web stacks the same way: stable type, title, detail, instance, request id. */
public final class Problems {

    /** Detail of every 404 for a path nothing answers on (a missing record says which record instead). */
    public static final String NOT_FOUND_DETAIL = "Nothing here; check the path.";

    private Problems() {
    }

    public static ProblemDetail of(ProblemType type, HttpStatusCode status, String detail, String path,
                                   String requestId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        complete(problem, type, path, requestId);
        return problem;
    }

    /** The body of one of our typed exceptions: its type's URI, title and status, its detail and extra members. */
    public static ProblemDetail of(ProblemException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(e.type().status()), e.getMessage());
        problem.setType(e.type().uri());
        problem.setTitle(e.type().title());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    /** Fills in what a framework-made problem lacks; keeps a type a handler already chose. */
    public static void complete(ProblemDetail problem, ProblemType fallbackType, String path, String requestId) {
        ProblemType type = fallbackType != null ? fallbackType : ProblemType.forStatus(problem.getStatus());
        if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
            problem.setType(type.uri());
            problem.setTitle(type.title());
        }
        if (problem.getTitle() == null) {
            problem.setTitle(type.title());
        }
        if (problem.getDetail() == null) {
            problem.setDetail(type.title());
        }
        if (problem.getInstance() == null && path != null) {
            problem.setInstance(URI.create(safePath(path)));
        }
        if (requestId != null) {
            problem.setProperty(ProblemType.REQUEST_ID_PROPERTY, requestId);
        }
    }

    private static String safePath(String path) {
        try {
            return URI.create(path).getRawPath();
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
