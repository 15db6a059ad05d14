package io.xaostech.portfolio.content;

import io.xaostech.portfolio.config.PortfolioProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Every project and collection, read once at start from {@code <content-location>/projects/*.md} and
 * {@code collections/*.md} (the file name is the slug). Projects are listed featured first, then newest first; a
 * collection naming an unknown project stops the start.
 */
@Component
public class Catalog {

    private static final Set<String> STATUSES = Set.of("live", "maintained", "experimental", "archived");
    private static final Comparator<Project> SHOWCASE_ORDER = Comparator.comparing(Project::featured).reversed()
            .thenComparing(Comparator.comparingInt(Project::year).reversed())
            .thenComparing(Project::title);

    private final Map<String, Project> projects;
    private final Map<String, Collection> collections;

    Catalog(PortfolioProperties properties) {
        String location = properties.contentLocation().replaceAll("/+$", "");
        this.projects = load(location + "/projects/*.md", Catalog::project).values().stream()
                .sorted(SHOWCASE_ORDER)
                .collect(LinkedHashMap::new, (map, p) -> map.put(p.slug(), p), Map::putAll);
        this.collections = load(location + "/collections/*.md", Catalog::collection);
        collections.values().forEach(c -> c.projects().forEach(slug -> {
            if (!projects.containsKey(slug)) {
                throw ContentFile.invalid("collections/" + c.slug() + ".md", "names an unknown project: " + slug);
            }
        }));
    }

    /** Projects in showcase order, those with the tag and the technology when given (case-insensitive). */
    public List<Project> projects(String tag, String technology) {
        return projects.values().stream().filter(p -> p.matches(tag, technology)).toList();
    }

    public Optional<Project> project(String slug) {
        return Optional.ofNullable(projects.get(slug));
    }

    public List<Collection> collections() {
        return List.copyOf(collections.values());
    }

    public Optional<Collection> collection(String slug) {
        return Optional.ofNullable(collections.get(slug));
    }

    public List<Project> projectsOf(Collection collection) {
        return collection.projects().stream().map(projects::get).toList();
    }

    public SortedSet<String> tags() {
        return labels(Project::tags);
    }

    public SortedSet<String> technologies() {
        return labels(Project::technologies);
    }

    private SortedSet<String> labels(Function<Project, List<String>> of) {
        SortedSet<String> labels = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        projects.values().forEach(p -> labels.addAll(of.apply(p)));
        return labels;
    }

    private static Project project(String slug, ContentFile file) {
        return new Project(slug, file.text("title", 120, true), file.text("summary", 300, true),
                file.number("year", 1990, 2100), file.oneOf("status", STATUSES), file.flag("featured"),
                file.labels("tags", false, true), file.labels("technologies", false, true), file.links(),
                file.bodyHtml());
    }

    private static Collection collection(String slug, ContentFile file) {
        return new Collection(slug, file.text("title", 120, true), file.text("summary", 300, true),
                file.labels("projects", true, true), file.bodyHtml());
    }

    private static <T> Map<String, T> load(String pattern, java.util.function.BiFunction<String, ContentFile, T> read) {
        Map<String, T> items = new LinkedHashMap<>();
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources(pattern);
            java.util.Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            for (Resource file : files) {
                String name = file.getFilename();
                String slug = name.substring(0, name.length() - ".md".length());
                if (!ContentFile.SLUG.matcher(slug).matches()) {
                    throw ContentFile.invalid(name, "has a name that is not a slug (a-z, 0-9, '-')");
                }
                items.put(slug, read.apply(slug, ContentFile.parse(name,
                        file.getContentAsString(StandardCharsets.UTF_8))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read content " + pattern, e);
        }
        return items;
    }
}
