package io.xaostech.blog.cache;

import io.xaostech.platform.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reader response as it is cached and sent: UTF-8 bytes and their strong ETag, made once when the response is
 * rendered, so a cache hit is answered without decoding, hashing or encoding anything.
 */
public record Cached(String etag, byte[] body) {

    /** {@code "} + 32 hex digits + {@code "}. */
    static final int ETAG_LENGTH = 34;

    public static Cached of(String content) {
        byte[] body = content.getBytes(StandardCharsets.UTF_8);
        return new Cached("\"" + Sha256.hex(body).substring(0, ETAG_LENGTH - 2) + "\"", body);
    }

    /** The stored form: the ETag's ASCII bytes, then the body. */
    byte[] stored() {
        byte[] stored = new byte[ETAG_LENGTH + body.length];
        System.arraycopy(etag.getBytes(StandardCharsets.US_ASCII), 0, stored, 0, ETAG_LENGTH);
        System.arraycopy(body, 0, stored, ETAG_LENGTH, body.length);
        return stored;
    }

    static Cached fromStored(byte[] stored) {
        if (stored.length < ETAG_LENGTH) {
            throw new IllegalArgumentException("Not a cache entry");
        }
        return new Cached(new String(stored, 0, ETAG_LENGTH, StandardCharsets.US_ASCII),
                Arrays.copyOfRange(stored, ETAG_LENGTH, stored.length));
    }
}
