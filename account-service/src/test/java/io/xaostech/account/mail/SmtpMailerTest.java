package io.xaostech.account.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** In SMTP mode mail goes through Spring's JavaMailSender to a real SMTP conversation (a local server). */
@SpringBootTest(properties = {"xaos.account.mail.mode=smtp", "xaos.account.mail.from=no-reply@xaostech.test"})
class SmtpMailerTest {

    private static final LocalSmtpServer SMTP = new LocalSmtpServer();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::port);
    }

    @AfterAll
    static void stop() throws IOException {
        SMTP.close();
    }

    @Autowired
    Mailer mailer;

    @Test
    void mailIsDeliveredOverSmtp() throws Exception {
        mailer.send(new Mail("reader@example.test", "Confirm your XAOSTECH account", "Your link: https://x/y?token=abc"));

        String conversation = SMTP.next();
        assertThat(mailer).isInstanceOf(SmtpMailer.class);
        assertThat(conversation).contains("MAIL FROM:<no-reply@xaostech.test>").contains("RCPT TO:<reader@example.test>")
                .contains("Subject: Confirm your XAOSTECH account").contains("token=abc");
    }

    /** Just enough SMTP for one client: accepts every command and records the whole conversation. */
    static final class LocalSmtpServer implements AutoCloseable {

        private final ServerSocket server;
        private final BlockingQueue<String> conversations = new LinkedBlockingQueue<>();

        LocalSmtpServer() {
            try {
                server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread accepting = new Thread(this::serve, "local-smtp");
            accepting.setDaemon(true);
            accepting.start();
        }

        int port() {
            return server.getLocalPort();
        }

        String next() throws InterruptedException {
            String conversation = conversations.poll(10, TimeUnit.SECONDS);
            assertThat(conversation).as("an SMTP conversation").isNotNull();
            return conversation;
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket client = server.accept();
                     BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                     PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
                    StringBuilder log = new StringBuilder();
                    out.print("220 localhost ESMTP\r\n");
                    out.flush();
                    String line;
                    while ((line = in.readLine()) != null) {
                        log.append(line).append('\n');
                        String command = line.toUpperCase();
                        if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                            out.print("250 localhost\r\n");
                        } else if (command.startsWith("DATA")) {
                            out.print("354 end with .\r\n");
                            out.flush();
                            while ((line = in.readLine()) != null && !line.equals(".")) {
                                log.append(line).append('\n');
                            }
                            out.print("250 queued\r\n");
                        } else if (command.startsWith("QUIT")) {
                            out.print("221 bye\r\n");
                            out.flush();
                            break;
                        } else {
                            out.print("250 ok\r\n");
                        }
                        out.flush();
                    }
                    conversations.add(log.toString());
                } catch (IOException e) {
                    if (server.isClosed()) {
                        return;
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
