package io.xaostech.common.event;

/** Redis Stream names of the platform's event topics and the field layout of their entries. */
public final class Topics {

    public static final String STREAM_PREFIX = "events:";

    /** Account lifecycle (user deleted, roles changed); produced by account-service. */
    public static final String ACCOUNT = STREAM_PREFIX + "account";
    /** Privacy requests fanned out to every service; produced by data. */
    public static final String PRIVACY = STREAM_PREFIX + "privacy";
    /** Subscription and entitlement changes; produced by payments. */
    public static final String PAYMENTS = STREAM_PREFIX + "payments";

    /** Stream entry field holding the envelope's type, readable without parsing the body. */
    public static final String FIELD_TYPE = "type";
    /** Stream entry field holding the whole envelope as JSON. */
    public static final String FIELD_ENVELOPE = "envelope";

    private Topics() {
    }
}
