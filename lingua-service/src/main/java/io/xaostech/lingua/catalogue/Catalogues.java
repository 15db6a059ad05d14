package io.xaostech.lingua.catalogue;

import io.xaostech.lingua.language.LanguagePair;
import io.xaostech.lingua.memory.TranslationMemory;
import io.xaostech.lingua.translate.Format;
import io.xaostech.lingua.translate.Translator;
import io.xaostech.platform.jdbc.Timestamps;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The UI strings of each site: published in English by the site (or an administrator), served in any language
 * from the translation memory where a curated translation exists and machine-translated otherwise, the machine
 * ones named as such so the site can mark them. A language no engine reaches gets the English strings, named
 * untranslated.
 */
@Service
public class Catalogues {

    /** The source language every catalogue is published in. */
    public static final String SOURCE = "en";
    public static final int MAX_STRINGS = 2_000;

    private final JdbcClient jdbc;
    private final TranslationMemory memory;
    private final Translator translator;
    private final Clock clock;

    /** A catalogue in one language. */
    public record Catalogue(String site, String language, Map<String, String> messages, List<String> machine,
                            List<String> untranslated) {
    }

    Catalogues(JdbcClient jdbc, TranslationMemory memory, Translator translator, Clock clock) {
        this.jdbc = jdbc;
        this.memory = memory;
        this.translator = translator;
        this.clock = clock;
    }

    /** Replaces the site's strings with these (key → English text). */
    @Transactional
    public void publish(String site, Map<String, String> strings) {
        jdbc.sql("delete from catalogue_strings where site = ?").param(site).update();
        var now = Timestamps.utc(clock.instant());
        strings.forEach((key, text) -> jdbc.sql("insert into catalogue_strings (site, key, source_text, updated_at) "
                + "values (?, ?, ?, ?)").params(site, key, text, now).update());
    }

    /** The site's strings in a language; empty messages when the site published none. */
    public Catalogue in(String site, String language) {
        Map<String, String> source = new LinkedHashMap<>();
        jdbc.sql("select key, source_text from catalogue_strings where site = ? order by key").param(site)
                .query(rs -> {
                    source.put(rs.getString("key"), rs.getString("source_text"));
                });
        if (language.equals(SOURCE) || source.isEmpty()) {
            return new Catalogue(site, language, source, List.of(), List.of());
        }
        LanguagePair pair = new LanguagePair(SOURCE, language);
        Map<String, String> curated = memory.lookup(pair, source.values());
        List<String> machineKeys = new ArrayList<>();
        List<String> machineTexts = new ArrayList<>();
        source.forEach((key, text) -> {
            if (!curated.containsKey(text)) {
                machineKeys.add(key);
                machineTexts.add(text);
            }
        });
        boolean reachable = translator.supports(pair);
        List<String> machine = reachable && !machineTexts.isEmpty()
                ? translator.translate(pair, machineTexts, Format.TEXT) : machineTexts;
        Map<String, String> messages = new LinkedHashMap<>();
        source.forEach((key, text) -> messages.put(key, curated.get(text)));
        for (int i = 0; i < machineKeys.size(); i++) {
            messages.put(machineKeys.get(i), machine.get(i));
        }
        List<String> sortedMachine = List.copyOf(new TreeSet<>(machineKeys));
        return new Catalogue(site, language, messages, reachable ? sortedMachine : List.of(),
                reachable ? List.of() : sortedMachine);
    }
}
