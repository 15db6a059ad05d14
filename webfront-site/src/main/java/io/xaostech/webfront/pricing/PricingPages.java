package io.xaostech.webfront.pricing;

import io.xaostech.webfront.config.Pages;
import io.xaostech.webfront.config.BackendClients;
import io.xaostech.webfront.signin.AccessTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /pricing} (public) lists the plans; a signed-in visitor subscribes through a form that sends them to
 * Stripe Checkout (each rendered form carries its own request key, so a double submit opens one session).
 * {@code /me/billing} shows their subscription and invoices and opens Stripe's billing portal.
 */
@Controller
class PricingPages {

    private static final Pattern PLAN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final PaymentsClient payments;
    private final AccessTokens tokens;

    PricingPages(PaymentsClient payments, AccessTokens tokens) {
        this.payments = payments;
        this.tokens = tokens;
    }

    @GetMapping("/pricing")
    ModelAndView pricing(Authentication visitor) {
        return pricingPage(visitor, Map.of());
    }

    @GetMapping("/pricing/sign-in")
    String signInToSubscribe() {
        return "redirect:/pricing";
    }

    @PostMapping("/pricing/checkout")
    ModelAndView checkout(@RequestParam(defaultValue = "") String plan, @RequestParam(defaultValue = "") String requestKey,
                          Authentication visitor, HttpServletRequest request, HttpServletResponse response) {
        if (!PLAN.matcher(plan).matches() || !Pages.REQUEST_KEY.matcher(requestKey).matches()) {
            return Pages.withStatus(pricingPage(visitor, Map.of("failure", "Choose one of the plans below.")), HttpStatus.BAD_REQUEST);
        }
        Optional<String> token = tokens.of(visitor, request, response);
        if (token.isEmpty()) {
            return new ModelAndView(AccessTokens.SIGN_IN_AGAIN);
        }
        try {
            return Pages.redirect(payments.checkout(token.get(), plan, requestKey).toString());
        } catch (BackendClients.Failure e) {
            // The same key again: trying once more reaches the session payments may already have made.
            return Pages.withStatus(pricingPage(visitor, Map.of("failure", e.getMessage(), "requestKey", requestKey)), e.pageStatus());
        }
    }

    /** One-off support: {@code amount} as the visitor writes it ("5" or "5.50"), in one of payments' currencies. */
    @PostMapping("/pricing/support")
    ModelAndView support(@RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String currency,
                         @RequestParam(defaultValue = "") String requestKey, Authentication visitor,
                         HttpServletRequest request, HttpServletResponse response) {
        Optional<Long> minor = Optional.empty();
        PaymentsClient.OneOff limits = null;
        try {
            limits = payments.plans().oneOff();
            minor = SupportAmount.parse(amount, currency, limits);
        } catch (BackendClients.Failure e) {
            return Pages.withStatus(pricingPage(visitor, Map.of("supportError", e.getMessage())), e.pageStatus());
        }
        if (minor.isEmpty() || !Pages.REQUEST_KEY.matcher(requestKey).matches()) {
            return Pages.withStatus(pricingPage(visitor, Map.of("supportError", SupportAmount.rule(limits),
                    "draftAmount", amount)), HttpStatus.BAD_REQUEST);
        }
        long chosen = minor.get();
        return tokens.page(visitor, request, response, token -> {
            try {
                return Pages.redirect(payments.support(token, chosen, currency, requestKey).toString());
            } catch (BackendClients.Failure e) {
                return Pages.withStatus(pricingPage(visitor, Map.of("supportError", e.getMessage(), "draftAmount", amount,
                        "requestKey", requestKey)), e.pageStatus());
            }
        });
    }

    @GetMapping("/me/billing")
    ModelAndView billing(Authentication visitor, HttpServletRequest request, HttpServletResponse response) {
        Optional<String> token = tokens.of(visitor, request, response);
        if (token.isEmpty()) {
            return new ModelAndView(AccessTokens.SIGN_IN_AGAIN);
        }
        Map<String, Object> model = new HashMap<>(Map.of("requestKey", UUID.randomUUID().toString()));
        try {
            model.put("subscriptions", payments.subscriptions(token.get()));
            model.put("invoices", payments.invoices(token.get()).items());
        } catch (BackendClients.Failure e) {
            model.put("failure", e.getMessage());
        }
        return new ModelAndView("billing", model);
    }

    @PostMapping("/me/billing/portal")
    ModelAndView portal(@RequestParam(defaultValue = "") String requestKey, Authentication visitor,
                        HttpServletRequest request, HttpServletResponse response) {
        Optional<String> token = tokens.of(visitor, request, response);
        if (token.isEmpty()) {
            return new ModelAndView(AccessTokens.SIGN_IN_AGAIN);
        }
        if (!Pages.REQUEST_KEY.matcher(requestKey).matches()) {
            return new ModelAndView("redirect:/me/billing");
        }
        try {
            return Pages.redirect(payments.portal(token.get(), requestKey).toString());
        } catch (BackendClients.Failure e) {
            return Pages.withStatus(new ModelAndView("billing", Map.of("failure", e.getMessage(), "requestKey", requestKey)), e.pageStatus());
        }
    }

    private ModelAndView pricingPage(Authentication visitor, Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.putIfAbsent("requestKey", UUID.randomUUID().toString());
        try {
            PaymentsClient.Plans plans = payments.plans();
            model.put("plans", plans);
            model.put("supportRule", SupportAmount.rule(plans.oneOff()));
        } catch (BackendClients.Failure e) {
            model.putIfAbsent("failure", "Plans cannot be shown just now; please try again in a moment.");
        }
        return new ModelAndView("pricing", model);
    }



}
