package io.xaostech.portfolio.showcase;

import io.xaostech.platform.site.SiteProperties;
import io.xaostech.portfolio.content.Catalog;
import java.time.Duration;
import java.util.stream.Stream;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** {@code /portfolio/sitemap.xml}: every page of the portfolio, for search engines. */
@RestController
class SitemapController {

    private final String sitemap;

    SitemapController(Catalog catalog, SiteProperties site) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        Stream.concat(Stream.of("/portfolio"), Stream.concat(
                        catalog.projects(null, null).stream().map(p -> "/portfolio/projects/" + p.slug()),
                        catalog.collections().stream().map(c -> "/portfolio/collections/" + c.slug())))
                .forEach(path -> xml.append("  <url><loc>").append(HtmlUtils.htmlEscape(site.absolute(path)))
                        .append("</loc></url>\n"));
        this.sitemap = xml.append("</urlset>\n").toString();
    }

    @GetMapping(path = "/portfolio/sitemap.xml", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<String> sitemap() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic()).body(sitemap);
    }
}
