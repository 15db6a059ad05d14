package io.xaostech.data.request;

import io.xaostech.platform.s3.OwnedBucket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Exports in the {@code privacy-exports} bucket: each service's part as it arrives
 * ({@code requests/<id>/<service>.json}), then one ZIP of them all ({@code requests/<id>/export.zip}) offered
 * through short-lived presigned links.
 */
@Component
class ExportBundles {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final OwnedBucket bucket;

    ExportBundles(S3Client s3, S3Presigner presigner, OwnedBucket bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    void storePart(UUID request, String service, byte[] json) {
        s3.putObject(b -> b.bucket(bucket.name()).key(part(request, service)).contentType("application/json"),
                RequestBody.fromBytes(json));
    }

    /** Bundles the parts into one ZIP and answers its key. */
    String bundle(UUID request, List<String> services) {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (String service : services) {
                out.putNextEntry(new ZipEntry(service + ".json"));
                out.write(s3.getObjectAsBytes(b -> b.bucket(bucket.name()).key(part(request, service))).asByteArray());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String key = "requests/" + request + "/export.zip";
        s3.putObject(b -> b.bucket(bucket.name()).key(key).contentType("application/zip")
                        .contentDisposition("attachment; filename=\"xaostech-export.zip\""),
                RequestBody.fromBytes(zip.toByteArray()));
        return key;
    }

    /** Removes the parts (once the bundle is recorded). */
    void deleteParts(UUID request, List<String> services) {
        for (String service : services) {
            s3.deleteObject(b -> b.bucket(bucket.name()).key(part(request, service)));
        }
    }

    /** Removes a bundle whose offer ended. */
    void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket.name()).key(key));
    }

    /** A link to download the bundle, valid for {@code validity}. */
    String link(String key, Duration validity) {
        return presigner.presignGetObject(b -> b.signatureDuration(validity)
                .getObjectRequest(g -> g.bucket(bucket.name()).key(key))).url().toString();
    }

    private static String part(UUID request, String service) {
        return "requests/" + request + "/" + service + ".json";
    }
}
