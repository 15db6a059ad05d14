package io.xaostech.gateway.route;

import io.xaostech.common.service.XaosService;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;

/**
 * Routes {@code GET /health/<module>/liveness|readiness} to each service's probe, so every service's health can
 * be checked through the one public door while no other actuator endpoint is reachable through it.
 */
@Configuration(proxyBeanMethods = false)
class ProbeRoutes {

    static final String PREFIX = "/health/";

    @Bean
    RouteLocator healthProbeRoutes(RouteLocatorBuilder builder, Environment environment) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (XaosService service : XaosService.values()) {
            if (service == XaosService.GATEWAY) {
                continue;
            }
            String base = PREFIX + service.moduleName();
            String url = environment.getRequiredProperty("xaos.services." + service.id() + ".url");
            // Path first: it fails fast for every other request, which is checked against these routes too.
            routes.route("health-" + service.id(), r -> r.path(base + "/liveness", base + "/readiness")
                    .and().method(HttpMethod.GET)
                    .filters(f -> f.rewritePath(base + "/(?<probe>liveness|readiness)", "/actuator/health/${probe}"))
                    .uri(url));
        }
        return routes.build();
    }
}
