package io.xaostech.blog.media;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The file types the blog accepts, recognised by their first bytes (never by the declared type), each with a
 * check that the file is complete (a truncated upload is refused) and that the file's name, if it has an
 * extension, names the same type. SVG is not accepted at all: it is
 * a document that can carry script, and the blog has no need for it.
 */
enum FileType {

    PNG("image/png", "png", true),
    JPEG("image/jpeg", "jpg", true, "jpeg", "jpe", "jfif"),
    GIF("image/gif", "gif", true),
    PDF("application/pdf", "pdf", false);

    static final int HEAD_LENGTH = 16;
    private static final int TAIL_LENGTH = 1024;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    private final String contentType;
    private final String extension;
    private final boolean image;
    private final java.util.Set<String> otherExtensions;

    FileType(String contentType, String extension, boolean image, String... otherExtensions) {
        this.contentType = contentType;
        this.extension = extension;
        this.image = image;
        this.otherExtensions = java.util.Set.of(otherExtensions);
    }

    /**
     * Whether a file named {@code filename} may hold this type: a name without an extension may, one with an
     * extension only if it is this type's (a PNG named {@code .php} or {@code .html} is refused, not renamed).
     */
    boolean fitsName(String filename) {
        // Trailing dots and spaces are dropped by some file systems ("x.php." is "x.php" there).
        String name = filename == null ? "" : filename.replaceAll("^.*[/\\\\]", "").replaceAll("[. ]+$", "");
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return true;
        }
        String given = name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
        return given.equals(extension) || otherExtensions.contains(given);
    }

    String contentType() {
        return contentType;
    }

    String extension() {
        return extension;
    }

    boolean isImage() {
        return image;
    }

    /** The type the file's first bytes announce, if it is one we accept. */
    static Optional<FileType> detect(byte[] head) {
        if (startsWith(head, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, "GIF87a".getBytes(StandardCharsets.US_ASCII))
                || startsWith(head, "GIF89a".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(GIF);
        }
        if (startsWith(head, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(PDF);
        }
        return Optional.empty();
    }

    /** Whether the file ends as a whole file of this type ends. */
    boolean isComplete(Path file) throws IOException {
        byte[] tail = tail(file);
        return switch (this) {
            case PNG -> endsWith(tail, PNG_END);
            case JPEG -> tail.length >= 2 && (tail[tail.length - 2] & 0xFF) == 0xFF && (tail[tail.length - 1] & 0xFF) == 0xD9;
            case GIF -> tail.length > 0 && tail[tail.length - 1] == 0x3B;
            case PDF -> new String(tail, StandardCharsets.ISO_8859_1).contains("%%EOF");
        };
    }

    static byte[] head(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            byte[] head = new byte[(int) Math.min(HEAD_LENGTH, in.length())];
            in.readFully(head);
            return head;
        }
    }

    private static byte[] tail(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            // Trailing whitespace after the end marker is common in PDFs and harmless elsewhere.
            long length = in.length();
            byte[] tail = new byte[(int) Math.min(TAIL_LENGTH, length)];
            in.seek(length - tail.length);
            in.readFully(tail);
            int end = tail.length;
            while (end > 0 && (tail[end - 1] == '\n' || tail[end - 1] == '\r' || tail[end - 1] == ' ' || tail[end - 1] == 0)) {
                end--;
            }
            return Arrays.copyOf(tail, end);
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static boolean endsWith(byte[] data, byte[] suffix) {
        return data.length >= suffix.length
                && Arrays.equals(data, data.length - suffix.length, data.length, suffix, 0, suffix.length);
    }
}
