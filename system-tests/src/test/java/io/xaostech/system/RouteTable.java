package io.xaostech.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Every route the services map, as a caller meets it through the gateway, and who may call it:
 * {@code src/test/resources/security/routes.tsv} (columns: method, service, service path, gateway path or "-",
 * access, note, and for a route that checks its body before its caller, a valid body). {@code RouteTableTest} keeps it complete; {@link SecuritySweepIT} calls every row as a stranger,
 * a user of the wrong role and another user.
 */
record RouteTable(String method, String service, String servicePath, String gatewayPath, Access access, String note,
        String body) {

    /** Who may call a route ({@code APIKEY}: an API key or a user token; strangers get 403, as LibreTranslate says). */
    enum Access { PUBLIC, USER, APIKEY, SELF, OWNER, ADMIN, SERVICE, WEBHOOK, PAGE }

    static List<RouteTable> rows() {
        try (InputStream in = RouteTable.class.getResourceAsStream("/security/routes.tsv")) {
            if (in == null) {
                throw new IllegalStateException("security/routes.tsv is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(RouteTable::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RouteTable parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 6 && f.length != 7) {
            throw new IllegalArgumentException("routes.tsv: expected 6 or 7 columns in: " + line);
        }
        return new RouteTable(f[0], f[1], f[2], f[3], Access.valueOf(f[4].toUpperCase(java.util.Locale.ROOT)), f[5],
                f.length == 7 ? f[6] : null);
    }

    boolean routed() {
        return !gatewayPath.equals("-");
    }

    /** The gateway path with its variables filled: the user's id in a SELF route, a fresh UUID anywhere else. */
    String path(String userId) {
        return path(userId, java.util.Map.of());
    }

    /**
     * The gateway path with its variables filled from {@code owned} where it names the path up to and including
     * the variable (an object of the user's: "/api/v1/chat/rooms/{id}" to their room), an OWNER route's
     * {@code {userId}} and a SELF route's variables with the user's id, anything else with a fresh UUID.
     */
    String path(String userId, java.util.Map<String, String> owned) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher variable = java.util.regex.Pattern.compile("\\{[^}]+}").matcher(gatewayPath);
        while (variable.find()) {
            String upTo = gatewayPath.substring(0, variable.end());
            String value = owned.containsKey(upTo) ? owned.get(upTo)
                    : access == Access.SELF || access == Access.OWNER && variable.group().equals("{userId}") ? userId
                    : UUID.randomUUID().toString();
            variable.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        variable.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return method + " " + gatewayPath + " (" + access.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
