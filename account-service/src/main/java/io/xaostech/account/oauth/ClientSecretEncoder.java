package io.xaostech.account.oauth;

import io.xaostech.platform.crypto.Sha256;
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
        return Sha256.hex(raw.toString());
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        return Sha256.matches(raw.toString(), encoded);
    }
}
