package io.xaostech.webfront.image;

import io.xaostech.platform.site.ErrorPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.ModelAndView;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code /img/<name>}: streamed from the bucket with its ETag, cached a week by browsers and revalidated after
 * (a 304 without a body when unchanged), since an image may be replaced under the same name.
 */
@Controller
class ImageController {

    private static final Logger log = LoggerFactory.getLogger(ImageController.class);

    private static final String CACHE = CacheControl.maxAge(Duration.ofDays(7)).cachePublic().getHeaderValue();

    private final Images images;

    ImageController(Images images) {
        this.images = images;
    }

    @GetMapping("/img/{name}")
    ModelAndView image(@PathVariable String name,
                       @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                       HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Images.Image> found;
        try {
            found = Images.NAME.matcher(name).matches()
                    ? images.read(name, ifNoneMatch != null && ifNoneMatch.length() <= 200 ? ifNoneMatch : null)
                    : Optional.empty();
        } catch (SdkException e) {
            log.warn("Image {} unavailable: {}", name, e.getMessage());
            return ErrorPages.page(HttpStatus.SERVICE_UNAVAILABLE, request);
        }
        if (found.isEmpty()) {
            return ErrorPages.notFound(request);
        }
        Images.Image image = found.get();
        ShallowEtagHeaderFilter.disableContentCaching(request); // streamed as read; the bucket's ETag is the ETag
        response.setHeader(HttpHeaders.ETAG, image.etag());
        response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE);
        if (image.content() == null) {
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            return null;
        }
        // The type follows the (allow-listed) extension, never what the bucket says: nothing else is sent as itself.
        response.setContentType(Images.contentType(name));
        if (name.endsWith(".svg")) {
            // An SVG opened on its own runs no script and cannot be framed.
            response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
        }
        try (InputStream content = image.content()) {
            content.transferTo(response.getOutputStream());
        }
        return null;
    }
}
