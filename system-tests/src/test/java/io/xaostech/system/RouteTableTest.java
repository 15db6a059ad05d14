package io.xaostech.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The route table the security sweep walks ({@link RouteTable}) names every route the services' controllers map
 * (their own and platform-support's shared ones): a mapping added without a row (and so without a decision on who
 * may call it) fails the build, and so does a row left behind by a route that is gone.
 */
class RouteTableTest {

    private static final Path ROOT = Path.of(System.getProperty("xaos.root", "..")).toAbsolutePath().normalize();
    private static final Pattern CLASS_PREFIX = Pattern.compile("^@RequestMapping\\(([^)]*)\\)", Pattern.MULTILINE);
    private static final Pattern METHOD_MAPPING = Pattern.compile(
            "^[ \\t]+@(Get|Post|Put|Patch|Delete|Request)Mapping(?:\\(([^)]*)\\))?", Pattern.MULTILINE);
    private static final Pattern LITERAL = Pattern.compile("\"(/[^\"]*)\"");
    /** Rows that are no controller mapping, as their note says: protocol endpoints, WebSocket and resource handlers. */
    private static final Pattern NOT_A_MAPPING = Pattern.compile(
            "not an @Mapping|not a controller|Spring Authorization Server endpoint");
    private static final List<String> MODULES = List.of("account-service", "blog-service", "chat-service", "data-service",
            "lingua-service", "payments-service", "portfolio-site", "webfront-site");

    @Test
    void everyMappedRouteHasARowAndEveryRowARoute() throws IOException {
        Set<String> table = RouteTable.rows().stream()
                .map(r -> key(r.method(), r.service(), r.servicePath()))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> mapped = new TreeSet<>();
        for (String module : MODULES) {
            mapped.addAll(mappingsOf(module, module.substring(0, module.indexOf('-'))));
        }
        // platform-support's controllers are in every service that uses them: a row of any service will do.
        Set<String> shared = mappingsOf("platform-support", "*");
        assertThat(mapped).as("mappings found in the sources").hasSizeGreaterThan(150);
        assertThat(shared).as("platform-support's shared mappings").isNotEmpty();
        assertThat(mapped).as("routes without a row in security/routes.tsv").isSubsetOf(table);
        assertThat(shared).as("shared routes without a row").allSatisfy(s -> assertThat(table).anyMatch(row ->
                row.replaceFirst(" \\S+ ", " * ").equals(s)));
        List<String> stale = RouteTable.rows().stream()
                .filter(r -> !NOT_A_MAPPING.matcher(r.note()).find())
                .filter(r -> !mapped.contains(key(r.method(), r.service(), r.servicePath()))
                        && !shared.contains(key(r.method(), "*", r.servicePath())))
                .map(RouteTable::toString).toList();
        assertThat(stale).as("rows whose route no controller maps any more").isEmpty();
    }

    private static Set<String> mappingsOf(String module, String service) throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                found.addAll(mappings(service, Files.readString(file)));
            }
        }
        return found;
    }

    @Test
    void everyRowSaysWhoMayCallIt() {
        assertThat(RouteTable.rows()).allSatisfy(row -> {
            assertThat(row.method()).isIn("GET", "POST", "PUT", "PATCH", "DELETE");
            assertThat(row.note()).as(row.toString()).isNotBlank();
            assertThat(row.gatewayPath()).as(row.toString()).matches("-|/.*");
        });
    }

    /** method + service + path of each mapping in one source file (a class-level @RequestMapping prefixes them). */
    static List<String> mappings(String service, String source) {
        List<String> found = new ArrayList<>();
        Matcher classLevel = CLASS_PREFIX.matcher(source);
        List<String> prefixes = classLevel.find() ? paths(classLevel.group(1)) : List.of("");
        Matcher method = METHOD_MAPPING.matcher(source);
        while (method.find()) {
            String verb = method.group(1).equals("Request") ? "GET" : method.group(1).toUpperCase(java.util.Locale.ROOT);
            List<String> paths = method.group(2) == null ? List.of() : paths(method.group(2));
            for (String prefix : prefixes) {
                for (String path : paths.isEmpty() ? List.of("") : paths) {
                    found.add(key(verb, service, prefix + path));
                }
            }
        }
        return found;
    }

    private static List<String> paths(String arguments) {
        if (arguments.contains("error.path")) {
            return List.of("/error");  // "${server.error.path:${error.path:/error}}"
        }
        return LITERAL.matcher(arguments).results().map(m -> m.group(1)).toList();
    }

    private static String key(String method, String service, String path) {
        return method + " " + service + " " + path.replaceAll("\\{[^}]*}", "{}");
    }
}
