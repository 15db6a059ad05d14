package io.xaostech.webfront.signin;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/** Where a sign-in that account did not complete (or whose answer did not check out) ends: a page, not a loop. */
@Controller
class SignInFailedController {

    @RequestMapping("/sign-in-failed")
    ModelAndView failed() {
        return new ModelAndView("sign-in-failed", HttpStatus.UNAUTHORIZED);
    }
}
