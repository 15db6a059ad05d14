package io.xaostech.webfront.me;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /me}: who is signed in, and the way out. */
@Controller
class MeController {

    @GetMapping("/me")
    String me(@AuthenticationPrincipal OidcUser user, Model model) {
        model.addAttribute("name", user.getFullName() != null ? user.getFullName() : user.getSubject());
        model.addAttribute("email", user.getEmail());
        return "me";
    }
}
