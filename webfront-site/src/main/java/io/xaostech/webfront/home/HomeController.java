package io.xaostech.webfront.home;

import io.xaostech.platform.site.SiteProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: the logo, the navigation hub to every part of the platform, and the latest posts. */
@Controller
class HomeController {

    private final SiteProperties site;
    private final LatestPosts posts;

    HomeController(SiteProperties site, LatestPosts posts) {
        this.site = site;
        this.posts = posts;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("canonical", site.absolute("/"));
        model.addAttribute("posts", posts.newest().orElse(null));
        return "home";
    }
}
