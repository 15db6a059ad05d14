package io.xaostech.account.signin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page of the authorization server. */
@Controller
class SignInPageController {

    @GetMapping("/login")
    String signIn() {
        return "login";
    }
}
