package io.xaostech.platform.jdbc;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of a keyset-paginated list ends: the sort time and id of its last row, opaque to clients
 * ({@code (sort_time, id) < (:at, :id)} selects the next page).
 */
public record KeysetCursor(Instant at, UUID id) {

    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "_" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a client sent back, or null for the first page; anything not made by {@link #encode} is a 400. */
    public static KeysetCursor decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split("_", 2);
            long micros = Long.parseLong(parts[0]);
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            if (!Timestamps.isStorable(at)) {
                throw new IllegalArgumentException("out of range");
            }
            return new KeysetCursor(at, UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "The cursor is not one this API gave out; start again without it.");
        }
    }
}
