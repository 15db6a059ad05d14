package io.xaostech.platform.jdbc;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Named PostgreSQL advisory locks held until the caller's transaction ends: work on one thing (a user's customer,
 * a charge's refunds) runs one transaction at a time across every instance, without a row to lock.
 */
public final class TransactionLocks {

    private TransactionLocks() {
    }

    /** Waits for, then holds until commit or rollback, the lock called {@code name} (any text); call it in a transaction. */
    public static void lock(JdbcClient jdbc, String name) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param(name).query(Object.class).single();
    }
}
