package io.xaostech.system;

import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** WebSocket frames as they arrive, and whether the connection has ended. */
final class ChatFrames implements WebSocket.Listener {
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean ended;

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        ended = true;
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        ended = true;
    }

    boolean ended() {
        return ended;
    }

    /** The next frame of any type within the wait, or null. */
    String poll(long millis) throws InterruptedException {
        return frames.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The next frame of the type (others skipped), within 10 s. */
    String next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            String frame = frames.poll(100, TimeUnit.MILLISECONDS);
            if (frame != null && frame.startsWith("{\"type\":\"" + type + "\"")) {
                return frame;
            }
        }
        throw new AssertionError("no " + type + " frame within 10 s");
    }
}
