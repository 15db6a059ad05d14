package io.xaostech.lingua.engine.apertium;

import io.xaostech.lingua.language.LanguagePair;
import io.xaostech.lingua.language.Languages;
import io.xaostech.platform.crypto.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Apertium pairs installed on this machine: every {@code <src>-<tgt>.mode} file of the modes directory whose
 * name is just two language codes (variants such as {@code eng-cat_valencia} and debug modes are skipped),
 * turned into a null-flush pipeline script by {@code apertium-wblank-mode -z}.
 */
final class ApertiumModes {

    private static final Logger log = LoggerFactory.getLogger(ApertiumModes.class);
    private static final Pattern MODE = Pattern.compile("([a-z]{2,3})-([a-z]{2,3})\\.mode");

    /** A pair's pipeline and a version that changes when its files do. */
    record Mode(LanguagePair pair, String script, String version) {
    }

    private ApertiumModes() {
    }

    static Map<LanguagePair, Mode> installed(Path modesDir) {
        Map<LanguagePair, Mode> modes = new HashMap<>();
        if (!Files.isDirectory(modesDir)) {
            log.warn("No Apertium modes directory at {}: the Apertium engine offers no pairs", modesDir);
            return modes;
        }
        try (Stream<Path> files = Files.list(modesDir)) {
            for (Path file : files.sorted().toList()) {
                Matcher name = MODE.matcher(file.getFileName().toString());
                if (!name.matches()) {
                    continue;
                }
                Optional<String> source = Languages.normalize(name.group(1));
                Optional<String> target = Languages.normalize(name.group(2));
                if (source.isEmpty() || target.isEmpty() || source.get().equals(target.get())) {
                    continue;
                }
                LanguagePair pair = new LanguagePair(source.get(), target.get());
                script(file).ifPresent(script -> modes.putIfAbsent(pair,
                        new Mode(pair, script, version(script))));
            }
        } catch (IOException e) {
            log.warn("Could not list Apertium modes in {}: {}", modesDir, e.toString());
        }
        return modes;
    }

    private static Optional<String> script(Path modeFile) {
        try {
            Process process = new ProcessBuilder(List.of("apertium-wblank-mode", "-z", modeFile.toString()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String script = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0 || script.isEmpty()) {
                log.warn("apertium-wblank-mode could not read {}", modeFile);
                return Optional.empty();
            }
            return Optional.of(script);
        } catch (IOException e) {
            log.warn("apertium-wblank-mode is not installed ({}); skipping {}", e.getMessage(), modeFile);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The script and the sizes and times of the files it reads: new pair data, new version. */
    private static String version(String script) {
        StringBuilder fingerprint = new StringBuilder(script);
        Matcher paths = Pattern.compile("'(/[^']+)'").matcher(script);
        while (paths.find()) {
            Path data = Path.of(paths.group(1));
            try {
                fingerprint.append('|').append(Files.size(data)).append('@').append(Files.getLastModifiedTime(data));
            } catch (IOException e) {
                fingerprint.append("|missing:").append(data);
            }
        }
        return Sha256.hex(fingerprint.toString()).substring(0, 16);
    }
}
