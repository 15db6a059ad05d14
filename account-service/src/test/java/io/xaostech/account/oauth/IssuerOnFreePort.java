package io.xaostech.account.oauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Runs the service on a free port whose address is also its issuer, so a standard client's discovery (which
 * insists that the issuer matches the URL it fetched) works in a test.
 */
final class IssuerOnFreePort {

    private IssuerOnFreePort() {
    }

    /** Registers the port and issuer; answers the issuer URL. */
    static String register(DynamicPropertyRegistry registry) {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String issuer = "http://127.0.0.1:" + port;
        registry.add("server.port", () -> port);
        registry.add("xaos.account.issuer", () -> issuer);
        return issuer;
    }
}
