package io.xaostech.webfront.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * How browsers may keep the site's pages: a visitor's own pages ({@code /me/**}, {@code /chat/**}) and every page
 * for a signed-in visitor never; public pages may be kept
 * but are revalidated every time (their ETag answers 304 when unchanged). Handlers that set their own
 * (static files, images) override this.
 */
@Configuration(proxyBeanMethods = false)
class PageCaching implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                String path = request.getRequestURI();
                // What a signed-in visitor sees is theirs (their name, their forms, their requests): never stored.
                boolean own = request.getUserPrincipal() != null || path.equals("/me") || path.startsWith("/me/")
                        || path.equals("/chat") || path.startsWith("/chat/") || path.startsWith("/privacy/requests")
                        || path.startsWith("/sign-in-failed");
                response.setHeader(HttpHeaders.CACHE_CONTROL, own ? "no-store" : "no-cache");
                return true;
            }
        });
    }
}
