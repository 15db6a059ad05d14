package io.xaostech.lingua.engine.apertium;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.time.Duration;

/**
 * One long-running Apertium pipeline of one pair in null-flush mode: a segment written with a NUL after it comes
 * back translated with a NUL after it, so the process (and its dictionaries) serve request after request. Used by
 * one thread at a time (the pool hands it out). A segment that takes longer than the timeout kills the process,
 * which then counts as broken and is replaced by the pool.
 */
final class ApertiumPipeline implements AutoCloseable {

    private static final int MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

    private final Process process;
    private final OutputStream in;
    private final InputStream out;
    private final ScheduledExecutorService watchdog;
    private final Duration timeout;
    private volatile boolean broken;

    ApertiumPipeline(String script, ScheduledExecutorService watchdog, Duration timeout) throws IOException {
        // $1 is the generator's option (-n: unknown words unmarked), $2 the tagger's (none).
        this.process = new ProcessBuilder(List.of("bash", "-c", script, "apertium", "-n", ""))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        this.in = process.getOutputStream();
        this.out = new BufferedInputStream(process.getInputStream(), 64 * 1024);
        this.watchdog = watchdog;
        this.timeout = timeout;
    }

    /** The translation of one segment of plain text. */
    String translate(String text) throws IOException {
        ScheduledFuture<?> kill = watchdog.schedule(this::kill, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            in.write(ApertiumStream.encode(text).getBytes(StandardCharsets.UTF_8));
            in.write(0);
            in.flush();
            ByteArrayOutputStream translated = new ByteArrayOutputStream(text.length() + 64);
            int b;
            while ((b = out.read()) != 0) {
                if (b < 0 || translated.size() > MAX_OUTPUT_BYTES) {
                    boolean ended = b < 0;
                    broken = true;
                    throw new IOException(ended
                            ? "Apertium pipeline ended (killed after " + timeout.toSeconds() + " s, or crashed)"
                            : "Apertium pipeline answered more than " + MAX_OUTPUT_BYTES + " bytes");
                }
                translated.write(b);
            }
            return ApertiumStream.decode(translated.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            broken = true;
            throw e;
        } finally {
            kill.cancel(false);
        }
    }

    /** Whether it may serve another segment. */
    boolean usable() {
        return !broken && process.isAlive();
    }

    /** Ends every stage: bash alone would leave the stages running, holding the pipes open. */
    private void kill() {
        broken = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() {
        kill();
    }
}
