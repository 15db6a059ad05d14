package io.xaostech.data.consent;

/** What a subject decided about a purpose. */
public enum Decision {
    GRANTED,
    DENIED,
    WITHDRAWN
}
