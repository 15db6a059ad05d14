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
 * The route table the security sweep walks ({@link RouteTable}) names every route the services' controllers map:
 * a mapping added without a row (and so without a decision on who may call it) fails the build.
 */
class RouteTableTest {

    private static final Path ROOT = Path.of(System.getProperty("xaos.root", "..")).toAbsolutePath().normalize();
    private static final Pattern CLASS_PREFIX = Pattern.compile("^@RequestMapping\\(([^)]*)\\)", Pattern.MULTILINE);
    private static final Pattern METHOD_MAPPING = Pattern.compile(
            "^[ \\t]+@(Get|Post|Put|Patch|Delete|Request)Mapping(?:\\(([^)]*)\\))?", Pattern.MULTILINE);
    private static final Pattern LITERAL = Pattern.compile("\"(/[^\"]*)\"");

    @Test
    void everyMappedRouteHasARow() throws IOException {
        Set<String> table = RouteTable.rows().stream()
                .map(r -> key(r.method(), r.service(), r.servicePath()))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> mapped = new TreeSet<>();
        for (String module : List.of("account-service", "blog-service", "chat-service", "data-service", "lingua-service",
                "payments-service", "portfolio-site", "webfront-site")) {
            String service = module.substring(0, module.indexOf('-'));
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    mapped.addAll(mappings(service, Files.readString(file)));
                }
            }
        }
        assertThat(mapped).as("mappings found in the sources").hasSizeGreaterThan(150);
        assertThat(mapped).as("routes without a row in security/routes.tsv").isSubsetOf(table);
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
        return LITERAL.matcher(arguments).results().map(m -> m.group(1)).toList();
    }

    private static String key(String method, String service, String path) {
        return method + " " + service + " " + path.replaceAll("\\{[^}]*}", "{}");
    }
}
