package io.xaostech.portfolio;

import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The portfolio over real HTTP: pages, filters, the JSON API, sitemap, caching and the security headers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShowcasePageTest {

    private static final Map<String, String> BROWSER = Map.of("Accept", "text/html,application/xhtml+xml");

    @LocalServerPort
    int port;

    @Test
    void theShowcaseListsFeaturedProjectsFirstAndCollectionsWithCanonicalAndOpenGraph() {
        HttpResponse<String> page = new TestHttp(port).get("/portfolio", BROWSER);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        String html = page.body();
        assertThat(html).contains("<title>XAOSTECH Portfolio</title>")
                .contains("<link rel=\"canonical\" href=\"http://localhost:8080/portfolio\">")
                .contains("<meta property=\"og:title\" content=\"XAOSTECH Portfolio\">")
                .contains("<meta property=\"og:url\" content=\"http://localhost:8080/portfolio\">")
                .contains("href=\"/portfolio/collections/platform-services\"");
        // Featured projects (gateway, lingua) before the others.
        assertThat(html.indexOf("/portfolio/projects/api-gateway")).isLessThan(html.indexOf("/portfolio/projects/chat"));
        assertThat(html.indexOf("/portfolio/projects/lingua")).isLessThan(html.indexOf("/portfolio/projects/blog"));
    }

    @Test
    void filtersByTagOrTechnologyThroughPlainLinks() {
        TestHttp http = new TestHttp(port);
        String byTech = http.get("/portfolio?tech=Stripe", BROWSER).body();
        assertThat(byTech).contains("/portfolio/projects/payments").doesNotContain("/portfolio/projects/chat\"");
        assertThat(byTech).contains("aria-current=\"true\"");
        String byTag = http.get("/portfolio?tag=API", BROWSER).body();
        assertThat(byTag).as("the chip of the filter in use is marked, whatever its case")
                .contains("aria-current=\"true\">api</a>");
        assertThat(byTag).contains("/portfolio/projects/lingua").contains("/portfolio/projects/payments")
                .doesNotContain("/portfolio/projects/blog\"");
        assertThat(http.get("/portfolio?tag=nothing-has-this", BROWSER).body()).contains("No project matches");
        HttpResponse<String> bad = http.get("/portfolio?tag=%3Cscript%3E", BROWSER);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("That request did not make sense").doesNotContain("<script>");
    }

    @Test
    void aProjectPageRendersItsMarkdownEscapedAndLinksItsCollections() {
        HttpResponse<String> page = new TestHttp(port).get("/portfolio/projects/api-gateway", BROWSER);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>The one public door</h1>")
                .contains("<strong>account-issued JWTs</strong>")
                .contains("<meta property=\"og:type\" content=\"article\">")
                .contains("href=\"/portfolio/collections/platform-services\"")
                .contains("href=\"https://github.com/xaostech/platform\"");
        HttpResponse<String> collection = new TestHttp(port).get("/portfolio/collections/platform-services", BROWSER);
        assertThat(collection.body()).contains("The XAOSTECH platform");
        assertThat(collection.body().indexOf("/portfolio/projects/api-gateway"))
                .as("in the collection's own order").isLessThan(collection.body().indexOf("/portfolio/projects/payments"));
    }

    @Test
    void unknownPagesAreAFriendly404ForBrowsersAndAProblemForApis() {
        TestHttp http = new TestHttp(port);
        HttpResponse<String> page = http.get("/portfolio/projects/no-such-project", BROWSER);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("This page is not here").contains("href=\"/portfolio\"");
        HttpResponse<String> unmapped = http.get("/portfolio/nothing/here", BROWSER);
        assertThat(unmapped.statusCode()).isEqualTo(404);
        assertThat(unmapped.body()).contains("This page is not here");
        assertProblem(http.get("/portfolio/api/projects/no-such-project"), 404, ProblemType.NOT_FOUND);
        assertProblem(http.get("/portfolio/nothing/here", Map.of("Accept", "application/json")), 404,
                ProblemType.NOT_FOUND);
    }

    @Test
    void theJsonApiListsFiltersAndDescribesProjectsAndCollections() {
        TestHttp http = new TestHttp(port);
        HttpResponse<String> all = http.get("/portfolio/api/projects");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<List<String>>read(all.body(), "$.items[*].slug"))
                .as("featured first, then newest, then by title")
                .containsExactly("lingua", "api-gateway", "payments", "chat", "blog");
        assertThat(JsonPath.<List<String>>read(http.get("/portfolio/api/projects?tech=redis").body(), "$.items[*].slug"))
                .as("the whole name, any case: 'Redis Streams' is another technology")
                .containsExactly("lingua", "api-gateway");
        HttpResponse<String> one = http.get("/portfolio/api/projects/lingua");
        assertThat(JsonPath.<String>read(one.body(), "$.url")).isEqualTo("http://localhost:8080/portfolio/projects/lingua");
        assertThat(JsonPath.<List<String>>read(http.get("/portfolio/api/collections/content").body(), "$.projects"))
                .containsExactly("blog", "lingua");
        assertProblem(http.get("/portfolio/api/projects?tag=" + "x".repeat(41)), 400, ProblemType.INVALID_REQUEST);
    }

    @Test
    void theSitemapNamesEveryPage() {
        HttpResponse<String> sitemap = new TestHttp(port).get("/portfolio/sitemap.xml");
        assertThat(sitemap.statusCode()).isEqualTo(200);
        assertThat(sitemap.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        assertThat(sitemap.body()).contains("<loc>http://localhost:8080/portfolio</loc>")
                .contains("<loc>http://localhost:8080/portfolio/projects/chat</loc>")
                .contains("<loc>http://localhost:8080/portfolio/collections/content</loc>");
        assertThat(Pattern.compile("<loc>").matcher(sitemap.body()).results().count()).isEqualTo(1 + 5 + 2);
    }

    @Test
    void stylesheetsAreServedUnderAContentHashAndCachedForAYearAsImmutable() {
        TestHttp http = new TestHttp(port);
        String html = http.get("/portfolio", BROWSER).body();
        Matcher css = Pattern.compile("href=\"(/portfolio/static/css/portfolio-[0-9a-f]{32}\\.css)\"").matcher(html);
        assertThat(css.find()).as("hashed stylesheet link in " + html).isTrue();
        HttpResponse<String> stylesheet = http.get(css.group(1));
        assertThat(stylesheet.statusCode()).isEqualTo(200);
        assertThat(stylesheet.headers().firstValue("Cache-Control").orElseThrow())
                .contains("max-age=31536000").contains("immutable").contains("public");
        assertThat(http.get("/portfolio/static/css/nothing.css").statusCode()).isEqualTo(404);
        assertThat(http.get("/portfolio/static/css/portfolio.css").statusCode())
                .as("never under the plain name, which must not be cached as immutable").isEqualTo(404);
    }

    @Test
    void pagesCarryAnEtagAndAnswer304WhenUnchanged() {
        TestHttp http = new TestHttp(port);
        HttpResponse<String> first = http.get("/portfolio/projects/chat", BROWSER);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=300");
        HttpResponse<String> again = http.get("/portfolio/projects/chat", Map.of("Accept", "text/html",
                "If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() {
        for (String path : List.of("/portfolio", "/portfolio/projects/none", "/portfolio/sitemap.xml")) {
            HttpResponse<String> page = new TestHttp(port).get(path, BROWSER);
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).as(path)
                    .contains("script-src 'self'").contains("object-src 'none'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).as(path).contains("strict-origin-when-cross-origin");
            assertThat(page.headers().firstValue("Strict-Transport-Security")).as("no HSTS over plain HTTP").isEmpty();
        }
    }
}
