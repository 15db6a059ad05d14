package io.xaostech.chat.live;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket with a tiny receive buffer, which reads nothing until asked: the slow
 * consumer a chat server must cut off without making anyone else wait.
 */
final class StalledClient implements AutoCloseable {

    /** What reading to the end found: text frames before the end, and the close code (-1: no close frame). */
    record Ending(int textFrames, int closeCode) {
    }

    private final Socket socket;
    private final DataInputStream in;

    private StalledClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    static StalledClient connect(int port, String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        socket.getOutputStream().write(("GET /ws/chat HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Protocol: xaos-chat.v1, bearer." + token
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        StalledClient client = new StalledClient(socket);
        String headers = client.readHeaders();
        if (!headers.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("handshake refused: " + headers);
        }
        return client;
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (!seen.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            seen.write(in.readUnsignedByte());
        }
        return seen.toString(StandardCharsets.US_ASCII);
    }

    /** Sends one masked text frame, as clients must. */
    void send(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        OutputStream out = socket.getOutputStream();
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads everything to the end of the connection. */
    Ending readToEnd() throws IOException {
        socket.setSoTimeout(30_000);
        int texts = 0;
        try {
            while (true) {
                int opcode = in.readUnsignedByte() & 0x0F;
                long length = in.readUnsignedByte() & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                if (opcode == 0x8) {
                    return new Ending(texts, length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1);
                }
                if (opcode == 0x1) {
                    texts++;
                }
            }
        } catch (EOFException | java.net.SocketException e) {
            return new Ending(texts, -1);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
