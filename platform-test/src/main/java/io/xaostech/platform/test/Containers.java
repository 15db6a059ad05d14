package io.xaostech.platform.test;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Testcontainers path for machines with Docker and no local PostgreSQL/Redis. Containers live for the JVM. */
final class Containers {

    private Containers() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    static TestPostgres postgres() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
        container.start();
        return new TestPostgres(container.getHost(), container.getMappedPort(5432), container.getUsername(),
                container.getPassword());
    }

    @SuppressWarnings("resource")
    static TestRedis redis() {
        GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        container.start();
        return new TestRedis("redis://" + container.getHost() + ":" + container.getMappedPort(6379) + "/0");
    }
}
