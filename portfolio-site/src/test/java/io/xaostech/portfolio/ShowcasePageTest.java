package io.xaostech.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShowcasePageTest {

    @LocalServerPort
    int port;

    @Test
    void showcaseIsServedUnderThePortfolioPath() {
        HttpResponse<String> page = new TestHttp(port).get("/portfolio");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>XAOSTECH Portfolio</title>").contains("href=\"/\"");
    }
}
