package io.xaostech.webfront;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The site's cookies as production sets them (SECURITY-CHECKLIST 11, 14): the session named with the
 * {@code __Host-} prefix (SERVER_SERVLET_SESSION_COOKIE_NAME) and, over HTTPS (X-Forwarded-Proto), Secure,
 * HttpOnly, SameSite, for the whole host and no domain; the language cookie Secure too; HSTS for a year.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.servlet.session.cookie.name=__Host-XAOS_SESSION", "xaos.platform.site.hsts=true"})
class ProductionCookiesTest {

    private static final Map<String, String> OVER_HTTPS = Map.of("X-Forwarded-Proto", "https", "Accept", "text/html");

    @LocalServerPort
    int port;

    @Test
    void theSessionCookieIsAHostCookieOverHttpsAndPagesAskForHttpsForAYear() {
        TestHttp http = new TestHttp(port);
        HttpResponse<String> signIn = http.get("/me", OVER_HTTPS);
        String session = signIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-XAOS_SESSION=")).findFirst().orElseThrow(() -> new AssertionError(
                        signIn.statusCode() + " " + signIn.headers().map()));
        assertThat(session).contains("; Secure").contains("; HttpOnly").contains("; SameSite=Lax").contains("; Path=/")
                .doesNotContainIgnoringCase("domain=");

        HttpResponse<String> home = http.get("/", OVER_HTTPS);
        assertThat(home.headers().firstValue("Strict-Transport-Security").orElseThrow())
                .contains("max-age=31536000").contains("includeSubDomains");

        HttpResponse<String> language = http.send(java.net.http.HttpRequest.newBuilder(http.uri("/language"))
                .header("X-Forwarded-Proto", "https").header("Sec-Fetch-Site", "same-origin")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("lang=es&returnTo=%2F")));
        assertThat(language.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("XAOS_LANG=").contains("; Secure");
    }
}
