package io.xaostech.account.keys;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Instant;

/** One RSA signing key and its life: signs in [activatesAt, retiresAt), published until expiresAt. */
record SigningKey(RSAKey jwk, Instant activatesAt, Instant retiresAt, Instant expiresAt) {

    String kid() {
        return jwk.getKeyID();
    }

    boolean signsAt(Instant now) {
        return !now.isBefore(activatesAt) && now.isBefore(retiresAt);
    }

    boolean publishedAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
