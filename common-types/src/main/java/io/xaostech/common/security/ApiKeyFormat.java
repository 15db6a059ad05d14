package io.xaostech.common.security;

import java.util.regex.Pattern;

/**
 * The shape of an API key account issues: {@code xk_<8-char prefix>_<43-char secret>}. A presented string of any
 * other shape is refused without asking account.
 */
public final class ApiKeyFormat {

    private static final Pattern FORMAT = Pattern.compile("xk_[a-z2-9]{8}_[A-Za-z0-9_-]{43}");

    private ApiKeyFormat() {
    }

    public static boolean isWellFormed(String presented) {
        return presented != null && FORMAT.matcher(presented).matches();
    }
}
