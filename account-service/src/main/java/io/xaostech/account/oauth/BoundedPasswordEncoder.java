package io.xaostech.account.oauth;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Runs a memory-hard encoder (Argon2id: 19 MiB per hash) at most {@code permits} at a time, so a burst of
 * sign-ins queues for CPU instead of exhausting the heap. A caller that cannot get a turn within the wait fails
 * rather than piling up.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

    private static final long WAIT_SECONDS = 10;

    private final PasswordEncoder delegate;
    private final Semaphore turns;

    BoundedPasswordEncoder(PasswordEncoder delegate, int permits) {
        this.delegate = delegate;
        this.turns = new Semaphore(permits, true);
    }

    @Override
    public String encode(CharSequence raw) {
        acquire();
        try {
            return delegate.encode(raw);
        } finally {
            turns.release();
        }
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        acquire();
        try {
            return delegate.matches(raw, encoded);
        } finally {
            turns.release();
        }
    }

    @Override
    public boolean upgradeEncoding(String encoded) {
        return delegate.upgradeEncoding(encoded);
    }

    private void acquire() {
        try {
            if (!turns.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Password hashing is saturated; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to hash a password", e);
        }
    }
}
