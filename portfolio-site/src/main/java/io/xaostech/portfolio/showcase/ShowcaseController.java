package io.xaostech.portfolio.showcase;

import io.xaostech.portfolio.config.PortfolioProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The portfolio's landing page. */
@Controller
class ShowcaseController {

    private final PortfolioProperties properties;

    ShowcaseController(PortfolioProperties properties) {
        this.properties = properties;
    }

    @GetMapping({"/portfolio", "/portfolio/"})
    String showcase(Model model) {
        model.addAttribute("siteName", properties.siteName());
        return "showcase";
    }
}
