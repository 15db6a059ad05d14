package io.xaostech.webfront;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HomePageTest {

    @LocalServerPort
    int port;

    @Test
    void homePageIsTheNavigationHub() {
        HttpResponse<String> page = new TestHttp(port).get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
        assertThat(page.body()).contains("<title>XAOSTECH</title>")
                .contains("href=\"/blog\"", "href=\"/portfolio\"", "href=\"/chat\"", "href=\"/me\"", "href=\"/privacy\"");
    }
}
