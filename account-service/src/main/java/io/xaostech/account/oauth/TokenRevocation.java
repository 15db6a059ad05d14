package io.xaostech.account.oauth;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Ends every authorization (access and refresh tokens of every client) a user holds. */
@Component
public class TokenRevocation {

    private final JdbcClient jdbc;

    TokenRevocation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Answers how many authorizations were revoked. */
    public int revokeAllOf(UUID userId) {
        return jdbc.sql("delete from oauth2_authorization where principal_name = ?").param(userId.toString()).update();
    }
}
