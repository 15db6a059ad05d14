package io.xaostech.platform.redis;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The only way a service names a Redis key: every key starts with the service's prefix ({@code blog:}), so the
 * keyspaces of the nine services never collide and a service can only write its own.
 *
 * <p>{@code keyspace.key("post", slug)} gives {@code blog:post:<slug>}.
 */
public final class Keyspace {

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9-]*(:[a-z0-9-]+)*:");
    private static final int MAX_PART_LENGTH = 256;

    private final String prefix;

    public Keyspace(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("Invalid keyspace prefix '" + prefix + "': lower-case words ending in ':'");
        }
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** A key of this keyspace; parts are joined with ':' and may not be empty or contain whitespace. */
    public String key(String... parts) {
        Objects.requireNonNull(parts, "parts");
        if (parts.length == 0) {
            throw new IllegalArgumentException("A key needs at least one part");
        }
        StringBuilder key = new StringBuilder(prefix);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                key.append(':');
            }
            key.append(checked(parts[i]));
        }
        return key.toString();
    }

    /** A SCAN/KEYS match pattern within this keyspace, for example {@code pattern("post", "*")}. */
    public String pattern(String... parts) {
        return parts.length == 0 ? prefix + "*" : key(parts);
    }

    /** Whether a key belongs to this keyspace. */
    public boolean owns(String key) {
        return key != null && key.startsWith(prefix) && key.length() > prefix.length();
    }

    private static String checked(String part) {
        if (part == null || part.isEmpty() || part.length() > MAX_PART_LENGTH) {
            throw new IllegalArgumentException("A key part must be 1 to " + MAX_PART_LENGTH + " characters");
        }
        for (int i = 0; i < part.length(); i++) {
            if (Character.isWhitespace(part.charAt(i)) || Character.isISOControl(part.charAt(i))) {
                throw new IllegalArgumentException("A key part may not contain whitespace or control characters");
            }
        }
        return part;
    }

    @Override
    public String toString() {
        return "Keyspace[" + prefix + "]";
    }
}
