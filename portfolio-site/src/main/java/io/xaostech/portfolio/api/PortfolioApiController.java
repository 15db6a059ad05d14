package io.xaostech.portfolio.api;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.site.SiteProperties;
import io.xaostech.platform.web.ProblemException;
import io.xaostech.portfolio.content.Catalog;
import io.xaostech.portfolio.content.Collection;
import io.xaostech.portfolio.content.Project;
import io.xaostech.portfolio.showcase.Filters;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /portfolio/api/**}: the same projects and collections as JSON, filtered the same way. */
@RestController
class PortfolioApiController {

    record ProjectView(String slug, String title, String summary, int year, String status, boolean featured,
                       List<String> tags, List<String> technologies, Map<String, String> links, String url,
                       String bodyHtml) {
    }

    record CollectionView(String slug, String title, String summary, List<String> projects, String url,
                          String bodyHtml) {
    }

    record Items<T>(List<T> items) {
    }

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final Catalog catalog;
    private final SiteProperties site;

    PortfolioApiController(Catalog catalog, SiteProperties site) {
        this.catalog = catalog;
        this.site = site;
    }

    @GetMapping("/portfolio/api/projects")
    ResponseEntity<Items<ProjectView>> projects(@RequestParam(required = false) String tag,
                                                @RequestParam(required = false) String tech) {
        Filters filters = Filters.of(tag, tech);
        if (filters.invalidParameter() != null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "'" + filters.invalidParameter()
                    + "' must be 1 to 40 letters, digits, spaces or .+#/-", Map.of("field", filters.invalidParameter()));
        }
        return cached(new Items<>(catalog.projects(filters.tag(), filters.tech()).stream().map(this::view).toList()));
    }

    @GetMapping("/portfolio/api/projects/{slug}")
    ResponseEntity<ProjectView> project(@PathVariable String slug) {
        return cached(view(catalog.project(slug).orElseThrow(() -> notFound("project", slug))));
    }

    @GetMapping("/portfolio/api/collections")
    ResponseEntity<Items<CollectionView>> collections() {
        return cached(new Items<>(catalog.collections().stream().map(this::view).toList()));
    }

    @GetMapping("/portfolio/api/collections/{slug}")
    ResponseEntity<CollectionView> collection(@PathVariable String slug) {
        return cached(view(catalog.collection(slug).orElseThrow(() -> notFound("collection", slug))));
    }

    private ProjectView view(Project p) {
        return new ProjectView(p.slug(), p.title(), p.summary(), p.year(), p.status(), p.featured(), p.tags(),
                p.technologies(), p.links(), site.absolute("/portfolio/projects/" + p.slug()), p.bodyHtml());
    }

    private CollectionView view(Collection c) {
        return new CollectionView(c.slug(), c.title(), c.summary(), c.projects(),
                site.absolute("/portfolio/collections/" + c.slug()), c.bodyHtml());
    }

    private static <T> ResponseEntity<T> cached(T body) {
        return ResponseEntity.ok().cacheControl(CACHE).body(body);
    }

    private static ProblemException notFound(String kind, String slug) {
        return new ProblemException(ProblemType.NOT_FOUND, "No " + kind + " '" + (slug.length() > 64
                ? slug.substring(0, 64) + "…" : slug) + "'.");
    }
}
