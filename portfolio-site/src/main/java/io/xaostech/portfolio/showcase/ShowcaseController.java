package io.xaostech.portfolio.showcase;

import io.xaostech.platform.site.ErrorPages;
import io.xaostech.platform.site.SiteProperties;
import io.xaostech.portfolio.config.PortfolioProperties;
import io.xaostech.portfolio.content.Catalog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The portfolio's pages: the showcase (filtered by tag or technology through plain links, no script needed), a
 * project, a collection. Content changes only with a release, so pages are cached five minutes and carry ETags.
 */
@Controller
class ShowcaseController {

    private static final String CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic().getHeaderValue();

    private final Catalog catalog;
    private final PortfolioProperties portfolio;
    private final SiteProperties site;

    ShowcaseController(Catalog catalog, PortfolioProperties portfolio, SiteProperties site) {
        this.catalog = catalog;
        this.portfolio = portfolio;
        this.site = site;
    }

    @GetMapping({"/portfolio", "/portfolio/"})
    ModelAndView showcase(@RequestParam(required = false) String tag, @RequestParam(required = false) String tech,
                          HttpServletRequest request, HttpServletResponse response) {
        Filters filters = Filters.of(tag, tech);
        if (filters.invalidParameter() != null) {
            return ErrorPages.page(HttpStatus.BAD_REQUEST, request);
        }
        return page("showcase", "/portfolio", response, Map.of(
                "title", portfolio.siteName(),
                "description", "Projects and collections built by XAOSTECH.",
                "filters", filters,
                "projects", catalog.projects(filters.tag(), filters.tech()),
                "tags", catalog.tags(),
                "technologies", catalog.technologies(),
                "collections", catalog.collections()));
    }

    @GetMapping("/portfolio/projects/{slug}")
    ModelAndView project(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response) {
        return catalog.project(slug)
                .map(project -> page("project", "/portfolio/projects/" + slug, response, Map.of(
                        "title", project.title() + " · " + portfolio.siteName(),
                        "description", project.summary(),
                        "project", project,
                        "collections", catalog.collections().stream()
                                .filter(c -> c.projects().contains(slug)).toList())))
                .orElseGet(() -> ErrorPages.notFound(request));
    }

    @GetMapping("/portfolio/collections/{slug}")
    ModelAndView collection(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response) {
        return catalog.collection(slug)
                .map(collection -> page("collection", "/portfolio/collections/" + slug, response, Map.of(
                        "title", collection.title() + " · " + portfolio.siteName(),
                        "description", collection.summary(),
                        "collection", collection,
                        "projects", catalog.projectsOf(collection))))
                .orElseGet(() -> ErrorPages.notFound(request));
    }

    private ModelAndView page(String view, String path, HttpServletResponse response, Map<String, Object> model) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE);
        ModelAndView page = new ModelAndView(view, model);
        page.addObject("siteName", portfolio.siteName());
        page.addObject("canonical", site.absolute(path));
        return page;
    }
}
