package io.xaostech.webfront.home;

import io.xaostech.webfront.config.WebfrontProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: the navigation hub to every part of the platform. */
@Controller
class HomeController {

    private final WebfrontProperties properties;

    HomeController(WebfrontProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("siteName", properties.siteName());
        return "home";
    }
}
