package io.xaostech.account.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * SHA-256 for client secrets, which are long random strings from configuration: a slow password hash adds
 * nothing against guessing 256-bit secrets and would cost every client_credentials grant tens of milliseconds.
 * Registered in the delegating encoder under {@code {sha256}}; user passwords never use it.
 */
final class ClientSecretEncoder implements PasswordEncoder {

    static final String ID = "sha256";

    @Override
    public String encode(CharSequence raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(raw.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        return encoded != null && MessageDigest.isEqual(encode(raw).getBytes(StandardCharsets.US_ASCII),
                encoded.getBytes(StandardCharsets.US_ASCII));
    }
}
