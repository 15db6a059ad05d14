package io.xaostech.lingua.catalogue;

import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Role;
import io.xaostech.lingua.LinguaApi;
import io.xaostech.platform.test.TestIssuer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A site publishes its English strings and reads them in Spanish: curated where the memory has them, else machine. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogueTest {

    @LocalServerPort
    int port;

    @Test
    void aSiteReadsItsStringsInAnotherLanguageWithMachineOnesNamed() {
        LinguaApi api = new LinguaApi(port);
        String site = "site-" + UUID.randomUUID().toString().substring(0, 8);
        String service = TestIssuer.get().serviceToken("svc-webfront");
        HttpResponse<String> published = api.call("PUT", "/internal/catalogues/" + site, service,
                "{\"nav.home\":\"The house\",\"nav.blog\":\"Blog of " + site + "\"}");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(204);
        String admin = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER, Role.ADMIN);
        api.call("POST", "/api/v1/lingua/admin/memory", admin, "{\"source\":\"en\",\"target\":\"es\",\"sourceText\":"
                + "\"Blog of " + site + "\",\"targetText\":\"El blog de " + site + "\"}");

        HttpResponse<String> spanish = api.call("GET", "/api/v1/lingua/catalogues/" + site + "/es", null, null);
        assertThat(spanish.statusCode()).as(spanish.body()).isEqualTo(200);
        assertThat((Map<String, String>) JsonPath.read(spanish.body(), "$.messages"))
                .containsEntry("nav.home", "La casa").containsEntry("nav.blog", "El blog de " + site);
        assertThat(JsonPath.<List<String>>read(spanish.body(), "$.machine")).containsExactly("nav.home");
        String etag = spanish.headers().firstValue("ETag").orElseThrow();
        assertThat(spanish.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=300");
        assertThat(api.call("GET", "/api/v1/lingua/catalogues/" + site + "/es", null, null, Map.of("If-None-Match", etag))
                .statusCode()).isEqualTo(304);

        HttpResponse<String> japanese = api.call("GET", "/api/v1/lingua/catalogues/" + site + "/ja", null, null);
        assertThat((Map<String, String>) JsonPath.read(japanese.body(), "$.messages")).containsEntry("nav.home", "The house");
        assertThat(JsonPath.<List<String>>read(japanese.body(), "$.untranslated")).containsExactly("nav.blog", "nav.home");
    }

    @Test
    void onlyServicesAndAdministratorsPublishAndBadCataloguesAreRefused() {
        LinguaApi api = new LinguaApi(port);
        String user = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER);
        assertThat(api.call("PUT", "/internal/catalogues/webfront", user, "{\"a\":\"b\"}").statusCode()).isIn(401, 403);
        assertProblem(api.call("PUT", "/api/v1/lingua/admin/catalogues/webfront", user, "{\"a\":\"b\"}"), 403,
                ProblemType.FORBIDDEN);
        String service = TestIssuer.get().serviceToken("svc-webfront");
        assertProblem(api.call("PUT", "/internal/catalogues/webfront", service, "{\"bad key\":\"b\"}"), 400,
                ProblemType.INVALID_REQUEST);
        assertProblem(api.call("PUT", "/internal/catalogues/webfront", service, "{\"k\":\"\"}"), 400,
                ProblemType.INVALID_REQUEST);
        assertProblem(api.call("GET", "/api/v1/lingua/catalogues/webfront/not-a-language", null, null), 400,
                ProblemType.INVALID_REQUEST);
    }
}
