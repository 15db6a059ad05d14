package io.xaostech.blog.media;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Keeps track of which posts use which media, from the media URLs in a post's body, cover and OpenGraph image,
 * so media in use is never deleted and media no post uses any more is found by the cleanup.
 */
@Component
public class MediaReferences {

    private static final Pattern MEDIA_URL = Pattern.compile(
            "/api/v1/blog/media/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/");

    private final MediaLibrary library;

    MediaReferences(MediaLibrary library) {
        this.library = library;
    }

    /** Records the media the post's texts refer to, replacing what it referred to before; run in the save's transaction. */
    public void track(UUID postId, String... texts) {
        Set<UUID> ids = new LinkedHashSet<>();
        Arrays.stream(texts).filter(Objects::nonNull).forEach(text -> {
            Matcher m = MEDIA_URL.matcher(text);
            while (m.find()) {
                ids.add(UUID.fromString(m.group(1)));
            }
        });
        library.replaceReferences(postId, ids);
    }
}
