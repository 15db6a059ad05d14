package io.xaostech.account.consent;

import io.xaostech.account.audit.AuditLog;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The applications a user has allowed (their stored consents), and withdrawing one: the consent goes and every
 * token that application holds for the user is revoked, so it must ask again.
 */
@Service
class Consents {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    Consents(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    record ConnectedApplication(String clientId, String clientName, List<String> scopes) {
    }

    @Transactional(readOnly = true)
    List<ConnectedApplication> of(String user) {
        return jdbc.sql("""
                        select c.client_id, c.client_name, a.authorities
                        from oauth2_authorization_consent a join oauth2_registered_client c on c.id = a.registered_client_id
                        where a.principal_name = ? order by c.client_name, c.client_id""")
                .param(user)
                .query((rs, row) -> new ConnectedApplication(rs.getString(1), rs.getString(2),
                        Arrays.stream(rs.getString(3).split(","))
                                .filter(authority -> authority.startsWith("SCOPE_"))
                                .map(authority -> authority.substring("SCOPE_".length()))
                                .sorted().toList()))
                .list();
    }

    @Transactional
    void withdraw(String user, String clientId) {
        String registeredId = jdbc.sql("select id from oauth2_registered_client where client_id = ?")
                .param(clientId).query(String.class).optional().orElse(null);
        int removed = registeredId == null ? 0 : jdbc.sql(
                        "delete from oauth2_authorization_consent where registered_client_id = ? and principal_name = ?")
                .params(registeredId, user).update();
        if (removed == 0) {
            throw new ProblemException(ProblemType.NOT_FOUND, "You have not allowed an application " + clientId + ".",
                    Map.of("clientId", clientId));
        }
        jdbc.sql("delete from oauth2_authorization where registered_client_id = ? and principal_name = ?")
                .params(registeredId, user).update();
        audit.record(AuditLog.Type.CONSENT_WITHDRAWN, user, user, "client " + clientId);
    }
}
