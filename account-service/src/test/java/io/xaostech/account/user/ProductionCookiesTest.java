package io.xaostech.account.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sign-in session cookie as production sets it (SECURITY-CHECKLIST 11): named with the {@code __Host-}
 * prefix (SERVER_SERVLET_SESSION_COOKIE_NAME), and over HTTPS (the gateway's X-Forwarded-Proto) Secure, HttpOnly,
 * SameSite, for the whole host and no domain, as that prefix demands.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.servlet.session.cookie.name=__Host-XAOS_ACCOUNT_SESSION")
class ProductionCookiesTest {

    @LocalServerPort
    int port;

    @Test
    void theSessionCookieIsAHostCookieOverHttps() {
        HttpResponse<String> page = new TestHttp(port).get("/login", Map.of("X-Forwarded-Proto", "https"));

        String cookie = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-XAOS_ACCOUNT_SESSION=")).findFirst().orElseThrow();
        assertThat(cookie).contains("; Secure").contains("; HttpOnly").contains("; SameSite=Lax").contains("; Path=/;")
                .doesNotContainIgnoringCase("domain=");
    }
}
