package io.xaostech.platform.site;

import jakarta.servlet.DispatcherType;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The shared wiring of a server-rendered site ({@code xaos.platform.site.enabled=true}): static files under
 * {@code staticPath} with content-hashed URLs ({@code @{/static/site.css}} in a template becomes
 * {@code /static/site-<md5>.css}) cached for a year as immutable, and not served under their plain names; ETags
 * (and 304s) on pages; the security
 * headers; HTML error pages. Boot's own static mapping is turned off in the site's settings
 * ({@code spring.web.resources.add-mappings=false}), so nothing is served uncached by accident.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty("xaos.platform.site.enabled")
@EnableConfigurationProperties(SiteProperties.class)
@Import({ErrorPages.class, NotFoundPages.class})
public class SiteAutoConfiguration {

    @Bean
    WebMvcConfigurer siteStaticFiles(SiteProperties site) {
        return new WebMvcConfigurer() {
            @Override
            public void addResourceHandlers(ResourceHandlerRegistry registry) {
                registry.addResourceHandler(site.staticPath())
                        .addResourceLocations("classpath:/static/")
                        .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                        .resourceChain(true)
                        .addResolver(new VersionedOnly())
                        .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
            }
        };
    }

    /** Rewrites static URLs rendered in pages to their hashed form. */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> pageEtags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration =
                new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<SecurityHeaders> siteSecurityHeaders(SiteProperties site) {
        FilterRegistrationBean<SecurityHeaders> registration = new FilterRegistrationBean<>(new SecurityHeaders(site));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }
}
