package io.xaostech.platform.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A PostgreSQL server for tests, reached as a superuser, on which each module gets a database of its own,
 * dropped and created anew once per test run so every run starts from an empty schema.
 */
record TestPostgres(String host, int port, String user, String password) {

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?connectTimeout=2&socketTimeout=60"
                + "&reWriteBatchedInserts=true"; // as PlatformDefaults sets it for the services
    }

    void recreateDatabase(String database) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database " + database + " on " + host + ":"
                    + port + ": " + e.getMessage(), e);
        }
    }

    Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    boolean reachable() {
        try (Connection c = connect("postgres")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Parses {@code postgresql://user[:password]@host[:port]} or a JDBC URL with user/password parameters. */
    static TestPostgres parse(String url) {
        String u = url.startsWith("jdbc:") ? url.substring(5) : url;
        java.net.URI uri = java.net.URI.create(u);
        String user = "postgres";
        String password = "";
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : "";
        }
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && kv[0].equals("user")) {
                    user = kv[1];
                } else if (kv.length == 2 && kv[0].equals("password")) {
                    password = kv[1];
                }
            }
        }
        return new TestPostgres(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, user, password);
    }
}
