package io.xaostech.platform.site;

import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * A server-rendered site's settings ({@code xaos.platform.site.*}); a service is a site when {@code enabled}.
 *
 * @param enabled               whether this service renders pages for browsers
 * @param staticPath            URL pattern its static files (from {@code classpath:/static/}) are served under
 * @param publicUrl             the address visitors use (canonical and OpenGraph URLs, sitemaps)
 * @param hsts                  send {@code Strict-Transport-Security} (production, behind TLS)
 * @param contentSecurityPolicy the CSP of every response: no inline scripts, no plugins, not framed elsewhere
 */
@Validated
@ConfigurationProperties("xaos.platform.site")
public record SiteProperties(@DefaultValue("false") boolean enabled,
                             @NotBlank @DefaultValue("/static/**") String staticPath,
                             @DefaultValue("http://localhost:8080") URI publicUrl,
                             @DefaultValue("false") boolean hsts,
                             @NotBlank @DefaultValue("default-src 'self'; script-src 'self'; style-src 'self'; "
                                     + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
                                     + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
                             String contentSecurityPolicy) {

    /** The public URL of a path of this site, for canonical links and sitemaps. */
    public String absolute(String path) {
        String base = publicUrl.toString().replaceAll("/+$", "");
        return base + (path.startsWith("/") ? path : "/" + path);
    }
}
