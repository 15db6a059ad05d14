package io.xaostech.blog.media;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;

/** The ways an upload or a media request fails. */
final class MediaProblems {

    private MediaProblems() {
    }

    static ProblemException empty() {
        return new ProblemException(ProblemType.INVALID_REQUEST, "The file is empty.");
    }

    static ProblemException tooLarge(long max) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The file is larger than " + max + " bytes.");
    }

    static ProblemException overQuota(long quota) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "This upload would take your media over its quota of "
                + quota + " bytes; delete media you no longer use.");
    }

    static ProblemException unsupported() {
        return new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "Only PNG, JPEG and GIF images and PDF documents are accepted, recognised by their content.");
    }

    static ProblemException nameDisagrees(FileType content) {
        return new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The file's content is "
                + content.extension().toUpperCase(java.util.Locale.ROOT) + " but its name says otherwise; name it ."
                + content.extension() + ".");
    }

    static ProblemException incomplete(String detail) {
        return new ProblemException(ProblemType.UNPROCESSABLE, detail);
    }

    static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such media file.");
    }

    static ProblemException inUse() {
        return new ProblemException(ProblemType.CONFLICT, "Posts still use this file; remove it from them first.");
    }
}
