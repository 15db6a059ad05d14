package io.xaostech.platform.site;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.resource.ResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;

/**
 * Serves a static file only under its content-hashed name ({@code site-<md5>.css}), the only name pages ever use:
 * those are cached a year as immutable, so the plain name must not be, and is not served at all. Turning a plain
 * name into the hashed one (for templates) passes through.
 */
class VersionedOnly implements ResourceResolver {

    private static final Pattern HASHED = Pattern.compile(".*-[0-9a-f]{32}(\\.[^/]+)?");

    @Override
    public Resource resolveResource(HttpServletRequest request, String requestPath, List<? extends Resource> locations,
                                    ResourceResolverChain chain) {
        return request != null && !HASHED.matcher(requestPath).matches() ? null
                : chain.resolveResource(request, requestPath, locations);
    }

    @Override
    public String resolveUrlPath(String resourcePath, List<? extends Resource> locations, ResourceResolverChain chain) {
        return chain.resolveUrlPath(resourcePath, locations);
    }
}
