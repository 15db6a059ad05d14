package io.xaostech.account.social;

import java.util.concurrent.atomic.AtomicInteger;

/** Another server, which a provider's redirect points to; it counts the requests that reach it. */
final class Elsewhere extends FakeProvider {

    private final AtomicInteger calls = new AtomicInteger();

    Elsewhere() {
        jsonAt("/", () -> {
            calls.incrementAndGet();
            return "{\"id\":1,\"login\":\"someone-else\"}";
        });
        start();
    }

    int calls() {
        return calls.get();
    }
}
