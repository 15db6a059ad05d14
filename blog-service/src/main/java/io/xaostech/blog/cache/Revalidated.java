package io.xaostech.blog.cache;

import io.xaostech.platform.crypto.Sha256;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Reader responses with an ETag of their body that browsers and proxies must revalidate ({@code no-cache}): a
 * reader never keeps a post after it was unpublished, and pays only a 304 while it is unchanged.
 */
public final class Revalidated {

    private static final CacheControl REVALIDATE = CacheControl.noCache().cachePublic();

    private Revalidated() {
    }

    public static ResponseEntity<String> body(String body, MediaType type, String ifNoneMatch) {
        String etag = "\"" + Sha256.hex(body).substring(0, 32) + "\"";
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(REVALIDATE).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(REVALIDATE).contentType(type).body(body);
    }
}
