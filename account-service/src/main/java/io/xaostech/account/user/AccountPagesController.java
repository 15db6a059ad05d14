package io.xaostech.account.user;

import io.xaostech.platform.web.ProblemException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The server-rendered pages around sign-in: sign-up, address verification and password reset. They use the
 * same services as the JSON API, so the rules (and the answers that reveal nothing) are the same.
 */
@Controller
class AccountPagesController {

    private static final int MAX_FIELD = 1024;

    private final RegistrationService registrations;
    private final PasswordService passwords;

    AccountPagesController(RegistrationService registrations, PasswordService passwords) {
        this.registrations = registrations;
        this.passwords = passwords;
    }

    @GetMapping("/register")
    String registerForm() {
        return "register";
    }

    @PostMapping("/register")
    String register(@RequestParam String email, @RequestParam String displayName, @RequestParam String password,
                    Model model) {
        String problem = null;
        if (email.isBlank() || email.length() > 320 || !email.contains("@")) {
            problem = "Enter a valid email address.";
        } else if (displayName.isBlank() || displayName.length() > 100) {
            problem = "Enter a name of at most 100 characters.";
        } else if (password.length() > MAX_FIELD) {
            problem = "The password is too long.";
        } else {
            try {
                registrations.register(email, displayName, password);
            } catch (ProblemException e) {
                problem = e.getMessage();
            }
        }
        if (problem != null) {
            model.addAttribute("error", problem);
            model.addAttribute("email", email.length() > 320 ? "" : email);
            model.addAttribute("displayName", displayName.length() > 100 ? "" : displayName);
            return "register";
        }
        return message(model, "Check your mailbox", "We sent a link to " + email.strip() + " to finish signing up.");
    }

    /**
     * The link in the mail opens a page asking to confirm; only its form (a POST with the CSRF token) confirms, so
     * a GET changes nothing (checklist line 13) and a mail scanner following links confirms nothing.
     */
    @GetMapping("/verify-email")
    String verifyForm(@RequestParam(defaultValue = "") String token, Model model) {
        model.addAttribute("token", token.length() > 100 ? "" : token);
        return "verify-email";
    }

    @PostMapping("/verify-email")
    String verify(@RequestParam(defaultValue = "") String token, Model model) {
        try {
            registrations.verifyEmail(token);
            return message(model, "Address confirmed", "Your address is confirmed. You can sign in now.");
        } catch (ProblemException e) {
            return message(model, "Link not valid", e.getMessage());
        }
    }

    @GetMapping("/reset-password")
    String resetRequestForm() {
        return "reset-request";
    }

    @PostMapping("/reset-password")
    String requestReset(@RequestParam String email, Model model) {
        if (!email.isBlank() && email.length() <= 320 && email.contains("@")) {
            passwords.requestReset(email);
        }
        return message(model, "Check your mailbox", "If the address has an account, a reset link is on its way.");
    }

    @GetMapping("/reset-password/confirm")
    String resetForm(@RequestParam(defaultValue = "") String token, Model model) {
        model.addAttribute("token", token);
        return "reset-confirm";
    }

    @PostMapping("/reset-password/confirm")
    String reset(@RequestParam String token, @RequestParam String password, Model model) {
        try {
            if (password.length() > MAX_FIELD || token.length() > 100) {
                throw new ProblemException(io.xaostech.common.problem.ProblemType.INVALID_REQUEST, "The request is too long.");
            }
            passwords.reset(token, password);
            return message(model, "Password changed", "Your new password is saved; you are signed out everywhere else.");
        } catch (ProblemException e) {
            model.addAttribute("token", token);
            model.addAttribute("error", e.getMessage());
            return "reset-confirm";
        }
    }

    private static String message(Model model, String title, String message) {
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return "message";
    }
}
