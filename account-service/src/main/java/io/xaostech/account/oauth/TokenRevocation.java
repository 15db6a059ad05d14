package io.xaostech.account.oauth;

import io.xaostech.account.session.Sessions;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Signs a user out everywhere: every browser session ends and every token family of every client is revoked. */
@Component
public class TokenRevocation {

    private final JdbcClient jdbc;
    private final Sessions sessions;

    TokenRevocation(JdbcClient jdbc, Sessions sessions) {
        this.jdbc = jdbc;
        this.sessions = sessions;
    }

    /** Answers how many authorizations were revoked. */
    public int revokeAllOf(UUID userId) {
        sessions.endAllOf(userId);
        return jdbc.sql("delete from oauth2_authorization where principal_name = ?").param(userId.toString()).update();
    }
}
