package io.xaostech.webfront.home;

import io.xaostech.platform.site.SiteProperties;
import io.xaostech.webfront.config.WebfrontProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: the logo, the navigation hub to every part of the platform, and the latest posts. */
@Controller
class HomeController {

    private final WebfrontProperties properties;
    private final SiteProperties site;
    private final LatestPosts posts;

    HomeController(WebfrontProperties properties, SiteProperties site, LatestPosts posts) {
        this.properties = properties;
        this.site = site;
        this.posts = posts;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("siteName", properties.siteName());
        model.addAttribute("canonical", site.absolute("/"));
        model.addAttribute("posts", posts.newest().orElse(null));
        return "home";
    }
}
