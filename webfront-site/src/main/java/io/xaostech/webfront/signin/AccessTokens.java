package io.xaostech.webfront.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/** The signed-in visitor's access token for a call to an API on their behalf (server-side only). */
@Component
public class AccessTokens {

    /** The view to answer when the token cannot be had (refresh refused): a fresh sign-in, not a loop back. */
    public static final String SIGN_IN_AGAIN = "redirect:/me/oauth2/authorization/account";

    private final OAuth2AuthorizedClientManager clients;

    AccessTokens(OAuth2AuthorizedClientManager clients) {
        this.clients = clients;
    }

    /** The page {@code page} makes with the visitor's token, or a fresh sign-in when the token cannot be had. */
    public ModelAndView page(Authentication visitor, HttpServletRequest request, HttpServletResponse response,
                             Function<String, ModelAndView> page) {
        Optional<String> token = visitor == null ? Optional.empty() : of(visitor, request, response);
        return token.isEmpty() ? new ModelAndView(SIGN_IN_AGAIN) : page.apply(token.get());
    }

    /** The token, refreshed if it is about to expire; empty when the visitor must sign in again. */
    public Optional<String> of(Authentication visitor, HttpServletRequest request, HttpServletResponse response) {
        try {
            OAuth2AuthorizedClient client = clients.authorize(OAuth2AuthorizeRequest
                    .withClientRegistrationId(SignInConfig.REGISTRATION).principal(visitor)
                    .attribute(HttpServletRequest.class.getName(), request)
                    .attribute(HttpServletResponse.class.getName(), response)
                    .build());
            return Optional.ofNullable(client).map(c -> c.getAccessToken().getTokenValue());
        } catch (OAuth2AuthorizationException e) {
            return Optional.empty();
        }
    }
}
