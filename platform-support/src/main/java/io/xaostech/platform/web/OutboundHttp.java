package io.xaostech.platform.web;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * How services call other HTTP servers (each other, sign-in providers): the JDK client with connect and read time
 * limits, never following a redirect, so a call goes only where it was configured to go (SSRF,
 * SECURITY-CHECKLIST 18).
 */
public final class OutboundHttp {

    private OutboundHttp() {
    }

    public static JdkClientHttpRequestFactory requestFactory(Duration connect, Duration read) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(connect).followRedirects(HttpClient.Redirect.NEVER).build());
        factory.setReadTimeout(read);
        return factory;
    }
}
