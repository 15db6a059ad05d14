package io.xaostech.common.service;

import java.util.Arrays;
import java.util.Optional;

/**
 * The service catalogue: every deployable of the platform with its default port and the storage it owns.
 * A service reads and writes only its own schema, keyspace and bucket (ARCHITECTURE.md section 4).
 */
public enum XaosService {

    GATEWAY("gateway", "api-gateway", 8080, "api", "api", null),
    ACCOUNT("account", "account-service", 8081, "account", "account", null),
    BLOG("blog", "blog-service", 8082, "blog", "blog", "blog-media"),
    CHAT("chat", "chat-service", 8083, "chat", "chat", null),
    DATA("data", "data-service", 8084, "data", "data", "privacy-exports"),
    LINGUA("lingua", "lingua-service", 8085, "lingua", "lingua", null),
    PAYMENTS("payments", "payments-service", 8086, "payments", "payments", null),
    PORTFOLIO("portfolio", "portfolio-site", 8087, null, null, null),
    WEBFRONT("webfront", "webfront-site", 8088, null, "webfront", "img");

    private final String id;
    private final String moduleName;
    private final int defaultPort;
    private final String schema;
    private final String keyspace;
    private final String bucket;

    XaosService(String id, String moduleName, int defaultPort, String schema, String keyspace, String bucket) {
        this.id = id;
        this.moduleName = moduleName;
        this.defaultPort = defaultPort;
        this.schema = schema;
        this.keyspace = keyspace;
        this.bucket = bucket;
    }

    /** Short name used in configuration keys ({@code xaos.<id>.*}, {@code xaos.services.<id>.url}). */
    public String id() {
        return id;
    }

    /** Maven module, process and {@code spring.application.name}. */
    public String moduleName() {
        return moduleName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** PostgreSQL schema the service owns, if it keeps relational data. */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    /** Redis key prefix including the trailing colon ({@code blog:}), if the service uses Redis. */
    public Optional<String> keyPrefix() {
        return Optional.ofNullable(keyspace).map(k -> k + ":");
    }

    /** S3 bucket the service owns, if any. */
    public Optional<String> bucket() {
        return Optional.ofNullable(bucket);
    }

    /** Finds a service by its short id ({@code blog}) or module name ({@code blog-service}). */
    public static XaosService of(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "Unknown XAOSTECH service '" + name + "'; known: " + Arrays.toString(values())));
    }

    public static Optional<XaosService> find(String name) {
        return Arrays.stream(values())
                .filter(s -> s.id.equals(name) || s.moduleName.equals(name))
                .findFirst();
    }
}
