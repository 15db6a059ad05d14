package io.xaostech.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 for high-entropy secrets kept or looked up only by their hash (API keys, mailed tokens, refresh tokens,
 * client secrets, the gateway's API-key cache): a fast hash is enough when the value itself cannot be guessed.
 * Never for passwords.
 */
public final class Sha256 {

    private Sha256() {
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code value}. */
    public static String hex(String value) {
        return hex(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** Whether {@code value} hashes to {@code expectedHex}, compared in constant time. */
    public static boolean matches(String value, String expectedHex) {
        return expectedHex != null && MessageDigest.isEqual(hex(value).getBytes(StandardCharsets.US_ASCII),
                expectedHex.getBytes(StandardCharsets.US_ASCII));
    }
}
