package io.xaostech.blog.cache;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Reader responses with the ETag of their body that browsers and proxies must revalidate ({@code no-cache}): a
 * reader never keeps a post after it was unpublished, and pays only a 304 while it is unchanged.
 */
public final class Revalidated {

    private static final CacheControl REVALIDATE = CacheControl.noCache().cachePublic();

    private Revalidated() {
    }

    public static ResponseEntity<byte[]> body(Cached content, MediaType type, String ifNoneMatch) {
        if (content.etag().equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(content.etag()).cacheControl(REVALIDATE).build();
        }
        return ResponseEntity.ok().eTag(content.etag()).cacheControl(REVALIDATE).contentType(type).body(content.body());
    }
}
