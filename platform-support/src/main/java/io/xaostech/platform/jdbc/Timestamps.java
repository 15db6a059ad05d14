package io.xaostech.platform.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** {@code timestamptz} to and from {@link Instant}, through the types PostgreSQL's driver supports. */
public final class Timestamps {

    /** The earliest time the platform stores or accepts as a bound. */
    public static final Instant EARLIEST = Instant.EPOCH;
    /** The latest: PostgreSQL's timestamps reach further, but no real row lies beyond the year 9999. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private Timestamps() {
    }

    /** Whether a client-supplied time lies in the range the platform stores (1970 to 9999). */
    public static boolean isStorable(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** A bind value for a {@code timestamptz} parameter; null stays null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A {@code timestamptz} column, or null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
