package io.xaostech.blog.media;

import io.xaostech.blog.config.BlogProperties;
import io.xaostech.blog.media.MediaLibrary.Media;
import io.xaostech.blog.media.MediaLibrary.VariantInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/**
 * Takes an upload from the multipart temporary file on disk (never whole in memory), checks it by content, makes
 * the variants, sends every file to S3 and records it. Any failure deletes what was already sent, so a refused
 * or broken upload leaves nothing behind in S3 or the database.
 */
@Service
class MediaService {

    private static final Logger log = LoggerFactory.getLogger(MediaService.class);
    private static final int MAX_FILENAME = 255;

    private final MediaLibrary library;
    private final MediaStore store;
    private final Images images;
    private final BlogProperties.Media limits;
    private final TransactionTemplate tx;
    private final Clock clock;

    MediaService(MediaLibrary library, MediaStore store, Images images, BlogProperties properties,
                 TransactionTemplate tx, Clock clock) {
        this.library = library;
        this.store = store;
        this.images = images;
        this.limits = properties.media();
        this.tx = tx;
        this.clock = clock;
    }

    Media upload(MultipartFile upload, UUID uploader) {
        if (upload.isEmpty()) {
            throw MediaProblems.empty();
        }
        if (upload.getSize() > limits.maxUploadSize().toBytes()) {
            throw MediaProblems.tooLarge(limits.maxUploadSize().toBytes());
        }
        if (library.bytesUploadedBy(uploader) + upload.getSize() > limits.quotaPerUploader().toBytes()) {
            throw MediaProblems.overQuota(limits.quotaPerUploader().toBytes());
        }
        Path file = null;
        List<Images.Variant> variants = List.of();
        try {
            file = Files.createTempFile("blog-upload-", ".bin");
            upload.transferTo(file);
            FileType type = FileType.detect(FileType.head(file)).orElseThrow(MediaProblems::unsupported);
            if (!type.fitsName(upload.getOriginalFilename())) {
                throw MediaProblems.nameDisagrees(type);
            }
            if (!type.isComplete(file)) {
                throw MediaProblems.incomplete("The file ends before a whole " + type.extension().toUpperCase()
                        + " does; the upload may have been cut off.");
            }
            Integer width = null;
            Integer height = null;
            if (type.isImage()) {
                Images.Processed processed = images.process(file, type, limits.variantWidths(), limits.maxPixels());
                width = processed.width();
                height = processed.height();
                variants = processed.variants();
            }
            return store(upload, uploader, file, type, width, height, variants);
        } catch (Images.Unreadable e) {
            throw MediaProblems.incomplete(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(file);
            variants.forEach(v -> deleteQuietly(v.file()));
        }
    }

    private Media store(MultipartFile upload, UUID uploader, Path file, FileType type, Integer width, Integer height,
                        List<Images.Variant> variants) throws IOException {
        UUID id = UUID.randomUUID();
        List<String> sent = new ArrayList<>();
        List<VariantInfo> infos = new ArrayList<>();
        try {
            store.put(id, MediaLibrary.ORIGINAL, file, type.contentType());
            sent.add(MediaLibrary.ORIGINAL);
            for (Images.Variant v : variants) {
                store.put(id, v.name(), v.file(), v.contentType());
                sent.add(v.name());
                infos.add(new VariantInfo(v.name(), v.contentType(), Files.size(v.file()), v.width(), v.height()));
            }
            Media media = new Media(id, uploader, filename(upload.getOriginalFilename(), type), type.contentType(),
                    Files.size(file), width, height, clock.instant(), infos);
            tx.executeWithoutResult(status -> library.insert(media));
            return library.find(id).orElseThrow();
        } catch (IOException | RuntimeException e) {
            try {
                store.delete(id, sent);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
                log.error("Upload {} failed and its files could not be removed from S3: {}", id, sent, cleanup);
            }
            throw e;
        }
    }

    Media get(UUID id) {
        return library.find(id).orElseThrow(MediaProblems::notFound);
    }

    /** Deletes an upload no post uses: the record first (so it is never served again), then the files. */
    void delete(UUID id) {
        List<String> names = tx.execute(status -> library.deleteIfUnused(id).orElseThrow(MediaProblems::notFound));
        try {
            store.delete(id, names);
        } catch (RuntimeException e) {
            // Never served again (the record is gone); only storage is wasted until someone removes the keys.
            log.warn("Media {} deleted, but its files could not be removed from S3: {}", id, e.getMessage());
        }
    }

    /** A safe name for {@code Content-Disposition}: the uploaded name's letters, digits, dots and dashes. */
    static String filename(String original, FileType type) {
        String base = original == null ? "" : original.replaceAll("^.*[/\\\\]", "");
        base = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._]+", "");
        base = base.replaceAll("\\.[A-Za-z0-9]{1,5}$", "");
        if (base.isEmpty()) {
            base = "file";
        }
        String name = base + "." + type.extension();
        return name.length() > MAX_FILENAME ? name.substring(name.length() - MAX_FILENAME) : name;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; the OS cleans its temp directory too
        }
    }
}
