package io.xaostech.webfront.blog;

import io.xaostech.webfront.config.Pages;
import io.xaostech.platform.site.ErrorPages;
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
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The blog as pages: the list (by tag, paged), search, and a post with its comments. Signed-in visitors comment
 * through a plain form (CSRF-protected); the site posts it to blog with their token, so blog applies its own
 * moderation and limits. Blog being down shows an "unavailable" page, never an error trace.
 */
@Controller
class BlogPages {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,199}");
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9-]{0,49}");
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final int MAX_COMMENT = 5_000;
    private static final int MAX_NAME = 80;

    private final BlogClient blog;
    private final AccessTokens tokens;

    BlogPages(BlogClient blog, AccessTokens tokens) {
        this.blog = blog;
        this.tokens = tokens;
    }

    @GetMapping({"/blog", "/blog/"})
    ModelAndView list(@RequestParam(required = false) String tag, @RequestParam(required = false) String cursor,
                      HttpServletRequest request) {
        String wanted = tag == null || tag.isBlank() ? null : tag;
        String after = cursor == null || cursor.isBlank() ? null : cursor;
        if ((wanted != null && !TAG.matcher(wanted).matches()) || (after != null && !CURSOR.matcher(after).matches())) {
            return ErrorPages.page(HttpStatus.BAD_REQUEST, request);
        }
        return page("blog-list", Map.of("tag", wanted == null ? "" : wanted, "page", blog.posts(wanted, after, 10)));
    }

    @GetMapping("/blog/search")
    ModelAndView search(@RequestParam(required = false) String q, HttpServletRequest request) {
        String query = q == null ? "" : q.strip();
        if (query.length() > 200) {
            return ErrorPages.page(HttpStatus.BAD_REQUEST, request);
        }
        return page("blog-search", Map.of("q", query, "hits", query.isEmpty() ? java.util.List.of()
                : blog.search(query).items()));
    }

    @GetMapping("/blog/{slug}")
    ModelAndView post(@PathVariable String slug, @RequestParam(required = false) String commented,
                      Authentication visitor, HttpServletRequest request) {
        return postPage(slug, visitor, request, Map.of("commented", commented != null));
    }

    /** Where "Sign in to comment" leads: signing in first (this path needs it), then back to the form. */
    @GetMapping("/blog/{slug}/sign-in")
    String signInToComment(@PathVariable String slug) {
        return "redirect:/blog/" + (SLUG.matcher(slug).matches() ? slug : "") + "#comment-form";
    }

    @PostMapping("/blog/{slug}/comments")
    ModelAndView comment(@PathVariable String slug, @RequestParam(defaultValue = "") String body,
                         @RequestParam(defaultValue = "") String displayName,
                         @RequestParam(required = false) String parentId, Authentication visitor,
                         HttpServletRequest request, HttpServletResponse response) {
        if (!SLUG.matcher(slug).matches()) {
            return ErrorPages.notFound(request);
        }
        String text = body.strip();
        String name = displayName.strip();
        Map<String, Object> form = new HashMap<>(Map.of("draft", body, "draftName", displayName));
        UUID parent = Pages.uuid(parentId).orElse(null);
        if (text.isEmpty() || text.length() > MAX_COMMENT || name.isEmpty() || name.length() > MAX_NAME
                || (parentId != null && !parentId.isBlank() && parent == null)) {
            form.put("commentError", "Write a comment of 1 to " + MAX_COMMENT + " characters and a name of 1 to "
                    + MAX_NAME + ".");
            return Pages.withStatus(postPage(slug, visitor, request, form), HttpStatus.BAD_REQUEST);
        }
        Optional<String> token = tokens.of(visitor, request, response);
        if (token.isEmpty()) {
            // The refresh was refused: a fresh sign-in (the draft cannot survive it; it is shown nowhere else).
            return new ModelAndView(AccessTokens.SIGN_IN_AGAIN);
        }
        Optional<BlogClient.Refusal> refused;
        try {
            refused = blog.comment(slug, token.get(), text, name, parent);
        } catch (BlogClient.Unavailable e) {
            refused = Optional.of(new BlogClient.Refusal(503, "The blog cannot take comments just now; your text is "
                    + "still here, try again in a moment."));
        }
        if (refused.isEmpty()) {
            return new ModelAndView("redirect:/blog/" + slug + "?commented#comments");
        }
        form.put("commentError", refused.get().detail());
        HttpStatus status = HttpStatus.resolve(refused.get().status());
        return Pages.withStatus(postPage(slug, visitor, request, form), status == null ? HttpStatus.BAD_REQUEST : status);
    }

    @ExceptionHandler(BlogClient.Unavailable.class)
    ModelAndView unavailable(HttpServletRequest request) {
        return ErrorPages.page(HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    private ModelAndView postPage(String slug, Authentication visitor, HttpServletRequest request,
                                  Map<String, Object> extra) {
        if (!SLUG.matcher(slug).matches()) {
            return ErrorPages.notFound(request);
        }
        Optional<BlogClient.Post> post = blog.post(slug);
        if (post.isEmpty()) {
            return ErrorPages.notFound(request);
        }
        Map<String, Object> model = new HashMap<>(extra);
        model.put("post", post.get());
        model.put("threads", blog.comments(slug).items());
        if (visitor != null && visitor.getPrincipal() instanceof OidcUser user && !model.containsKey("draftName")) {
            model.put("draftName", user.getFullName() != null ? user.getFullName() : "");
        }
        return page("blog-post", model);
    }

    private ModelAndView page(String view, Map<String, Object> model) {
        ModelAndView page = new ModelAndView(view, model);
        return page;
    }


}
