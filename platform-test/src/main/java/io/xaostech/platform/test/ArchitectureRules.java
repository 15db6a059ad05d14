package io.xaostech.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.xaostech.common.service.XaosService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The architecture every service keeps (CONVENTIONS.md): code depends on no other service's code, its feature
 * packages do not form cycles, and its migrations name no other service's schema.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    public static void check(XaosService service) {
        String root = "io.xaostech." + service.id();
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(root);
        String[] otherServices = Arrays.stream(XaosService.values())
                .filter(s -> s != service)
                .map(s -> "io.xaostech." + s.id() + "..")
                .toArray(String[]::new);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(otherServices)
                .because("services share contracts through common-types, never code")
                .allowEmptyShould(true)
                .check(classes);
        slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .allowEmptyShould(true)
                .check(classes);
    }

    /** Lines of the service's migrations that qualify a name with another service's schema. */
    public static List<String> foreignSchemaReferences(XaosService service) {
        List<String> found = new ArrayList<>();
        List<Pattern> foreign = Arrays.stream(XaosService.values())
                .filter(s -> s != service)
                .flatMap(s -> s.schema().stream())
                .map(schema -> Pattern.compile("(?<![\\w.])\"?" + schema + "\"?\\s*\\.\\s*\"?\\w"))
                .toList();
        try {
            Resource[] scripts = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/*.sql");
            for (Resource script : scripts) {
                String text;
                try (InputStream in = script.getInputStream()) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                String[] lines = text.split("\n");
                for (int i = 0; i < lines.length; i++) {
                    String line = lines[i].toLowerCase(Locale.ROOT);
                    for (Pattern p : foreign) {
                        if (p.matcher(line).find()) {
                            found.add(script.getFilename() + ":" + (i + 1) + ": " + lines[i].trim());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
