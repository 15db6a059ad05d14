package io.xaostech.webfront.config;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/** Small helpers the page controllers share. */
public final class Pages {

    private Pages() {
    }

    /** A request key: one per rendered form, so a double submit does its work once (UUID form). */
    public static final java.util.regex.Pattern REQUEST_KEY = java.util.regex.Pattern.compile("[0-9a-f-]{36}");

    private static final java.util.regex.Pattern LOCAL_PATH = java.util.regex.Pattern.compile("/(?![/\\\\])[^\\s]{0,1999}");

    /** {@code path} when it is a path on this site, else the home page (never another site): where forms return to. */
    public static String localPath(String path) {
        return path != null && LOCAL_PATH.matcher(path).matches() ? path : "/";
    }

    /** The address of the request as a path on this site, to come back to after a form. */
    public static String here(jakarta.servlet.http.HttpServletRequest request) {
        return localPath(request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
    }

    /** Whether the visitor signed in to the site (through account), as opposed to an anonymous one. */
    public static boolean signedIn(org.springframework.security.core.Authentication visitor) {
        return visitor != null
                && visitor.getPrincipal() instanceof org.springframework.security.oauth2.core.oidc.user.OidcUser;
    }

    /** An id from an address: a UUID in its usual 36-character form, else empty (the page is then a 404). */
    public static java.util.Optional<java.util.UUID> uuid(String value) {
        try {
            return value != null && value.length() == 36 ? java.util.Optional.of(java.util.UUID.fromString(value))
                    : java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** A redirect to {@code url} as it is: braces or percent signs in it are never read as URI template variables. */
    public static ModelAndView redirect(String url) {
        org.springframework.web.servlet.view.RedirectView view = new org.springframework.web.servlet.view.RedirectView(url);
        view.setExpandUriTemplateVariables(false);
        return new ModelAndView(view);
    }

    /** The Set-Cookie value of one of the site's own cookies: HttpOnly, SameSite=Lax, Secure over HTTPS, path /. */
    public static String cookie(jakarta.servlet.http.HttpServletRequest request, String name, String value,
                                java.time.Duration kept) {
        return org.springframework.http.ResponseCookie.from(name, value).httpOnly(true).secure(request.isSecure())
                .sameSite("Lax").path("/").maxAge(kept).build().toString();
    }

    /** The page answered with {@code status} (a form refused, a service unavailable); an error page keeps its own. */
    public static ModelAndView withStatus(ModelAndView page, HttpStatus status) {
        if (!"error".equals(page.getViewName())) {
            page.setStatus(status);
        }
        return page;
    }
}
