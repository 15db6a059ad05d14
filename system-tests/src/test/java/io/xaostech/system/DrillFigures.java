package io.xaostech.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What the fault drills measured, one figure a line in the bench format (bench/lib.sh: key, label, value, unit,
 * goal, anchor), so that {@code bench/drills.sh} can put them into bench/results and the report.
 */
final class DrillFigures {

    static final Path FILE = Path.of(System.getProperty("xaos.drills.figures", "target/drills/figures.tsv"))
            .toAbsolutePath();

    private DrillFigures() {
    }

    static synchronized void reset() {
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One figure; goal like {@code "= 0"} or {@code "<= 10"}, or empty. Printed too. */
    static synchronized void record(String key, String label, Object value, String unit, String goal) {
        String line = String.join("\t", key, label, String.valueOf(value), unit, goal, "") + "\n";
        try {
            Files.writeString(FILE, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf("DRILL %-70s %s %s %s%n", label, value, unit, goal);
    }
}
