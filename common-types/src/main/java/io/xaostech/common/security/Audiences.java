package io.xaostech.common.security;

/** Token audiences. */
public final class Audiences {

    /** Access tokens for the public API, presented through the gateway. */
    public static final String API = "api";

    /** Service-to-service tokens (client_credentials); accepted only on {@code /internal/**}. */
    public static final String INTERNAL = "internal";

    private Audiences() {
    }
}
