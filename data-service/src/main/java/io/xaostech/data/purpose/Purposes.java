package io.xaostech.data.purpose;

import static io.xaostech.platform.jdbc.Timestamps.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code purposes} and {@code notices} tables. */
@Repository
class Purposes {

    private static final String CURRENT = "select p.code, p.name, p.description, p.essential, p.gpc_opt_out, n.version, "
            + "n.text, n.text_sha256, n.published_at from purposes p join lateral (select * from notices n "
            + "where n.purpose_code = p.code order by n.version desc limit 1) n on true";

    private final JdbcClient jdbc;

    Purposes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Purpose> all() {
        return jdbc.sql(CURRENT + " order by p.essential desc, p.code").query(Purposes::purpose).list();
    }

    Optional<Purpose> find(String code) {
        return jdbc.sql(CURRENT + " where p.code = ?").param(code).query(Purposes::purpose).optional();
    }

    boolean insert(String code, String name, String description, boolean essential, boolean gpcOptOut) {
        return jdbc.sql("insert into purposes (code, name, description, essential, gpc_opt_out) values (?, ?, ?, ?, ?) "
                        + "on conflict do nothing")
                .params(code, name, description, essential, gpcOptOut).update() == 1;
    }

    /** Adds the purpose's next notice version (the purpose's row is locked, so versions never collide). */
    int publish(String code, String text, String sha256, UUID by) {
        jdbc.sql("select code from purposes where code = ? for update").param(code).query(String.class).single();
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from notices where purpose_code = ?").param(code)
                .query(Integer.class).single();
        jdbc.sql("insert into notices (purpose_code, version, text, text_sha256, published_by) values (?, ?, ?, ?, ?)")
                .params(code, version, text, sha256, by).update();
        return version;
    }

    private static Purpose purpose(ResultSet rs, int row) throws SQLException {
        return new Purpose(rs.getString("code"), rs.getString("name"), rs.getString("description"),
                rs.getBoolean("essential"), rs.getBoolean("gpc_opt_out"), rs.getInt("version"), rs.getString("text"),
                rs.getString("text_sha256"), instant(rs, "published_at"));
    }
}
