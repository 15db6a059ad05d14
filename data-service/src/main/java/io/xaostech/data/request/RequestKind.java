package io.xaostech.data.request;

/** Access (a copy of everything held) or erasure. */
public enum RequestKind {
    EXPORT,
    ERASURE
}
