package io.xaostech.webfront.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * webfront-site settings ({@code xaos.webfront.*}).
 *
 * @param siteName      name shown in page titles
 * @param account       the site as an OAuth2 client of account
 * @param backendTimeout how long a page waits for another service before showing that part as unavailable
 * @param paymentHosts  the hosts payments' checkout and portal addresses may be on (https only)
 * @param languages     the languages the site is offered in (English first, the others through lingua)
 */
@Validated
@ConfigurationProperties("xaos.webfront")
public record WebfrontProperties(@NotBlank @DefaultValue("XAOSTECH") String siteName,
                                 @Valid @NotNull @DefaultValue Account account,
                                 @NotNull @DefaultValue("2s") Duration backendTimeout,
                                 @NotNull @DefaultValue({"checkout.stripe.com", "billing.stripe.com"})
                                 java.util.List<String> paymentHosts,
                                 @NotNull @DefaultValue({"en", "es"})
                                 java.util.List<@jakarta.validation.constraints.Pattern(regexp = "[a-z]{2,3}") String> languages) {

    public WebfrontProperties {
        if (languages != null && !languages.contains("en")) {
            throw new IllegalArgumentException("xaos.webfront.languages must include en (the site's own strings)");
        }
    }

    /**
     * @param clientId     the client account registered for the site
     * @param clientSecret its secret (account knows it as {@code XAOS_ACCOUNT_WEBFRONT_SECRET})
     * @param issuer       account's issuer as browsers reach it (through the gateway)
     * @param url          account itself, for the server-to-server calls (tokens, keys)
     */
    public record Account(@NotBlank @DefaultValue("webfront") String clientId,
                          @NotBlank @DefaultValue("dev-only-webfront-secret") String clientSecret,
                          @NotNull @DefaultValue("http://localhost:8080/auth") URI issuer,
                          @NotNull @DefaultValue("http://127.0.0.1:8081") URI url) {

        @Override
        public String toString() {
            return "Account[clientId=" + clientId + ", issuer=" + issuer + ", url=" + url + "]";
        }
    }
}
