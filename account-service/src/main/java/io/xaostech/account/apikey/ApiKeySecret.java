package io.xaostech.account.apikey;

import io.xaostech.platform.crypto.Sha256;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The key format: {@code xk_<8 lookup chars>_<43 chars of 256-bit secret>}. The part before the second
 * underscore is the prefix, stored and shown; the whole key is stored only as its SHA-256.
 */
record ApiKeySecret(String prefix, String value) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final Pattern FORMAT = Pattern.compile("(xk_[a-z2-9]{8})_[A-Za-z0-9_-]{43}");

    static ApiKeySecret generate() {
        StringBuilder lookup = new StringBuilder("xk_");
        for (int i = 0; i < 8; i++) {
            lookup.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String prefix = lookup.toString();
        return new ApiKeySecret(prefix, prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The key as presented, if it has the right shape. */
    static Optional<ApiKeySecret> parse(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(presented);
        return matcher.matches() ? Optional.of(new ApiKeySecret(matcher.group(1), presented)) : Optional.empty();
    }

    String hash() {
        return Sha256.hex(value);
    }

    boolean matches(String storedHash) {
        return Sha256.matches(value, storedHash);
    }

    @Override
    public String toString() {
        return "ApiKeySecret[" + prefix + "_…]";
    }
}
