package io.xaostech.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.platform.dependency.DependencyFailures;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The gateway starts while account's key set cannot be fetched (account still starting): once it can be, tokens
 * are accepted within about a second, not only after the long interval that guards against unknown key ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "xaos.gateway.auth.jwks-min-refresh-interval=30s")
class KeySetOutageTest extends GatewayTestBase {

    static {
        ACCOUNT.keySetDown(true);
    }

    @AfterAll
    static void keySetBack() {
        ACCOUNT.keySetDown(false);
    }

    @Autowired
    DependencyFailures failures;

    @Test
    void aFailedKeySetFetchIsRetriedSoon() throws InterruptedException {
        ACCOUNT.rotate();
        String token = "Bearer " + ACCOUNT.token(UUID.randomUUID().toString());
        Thread.sleep(1100);
        assertThat(chat(token)).as("no keys yet").isEqualTo(401);
        assertThat(failures.count("account", "keep-known-keys")).as("the failed fetches counted and logged").isPositive();

        ACCOUNT.keySetDown(false);
        Thread.sleep(1100);

        assertThat(chat(token)).as("keys fetched again a second after the failure").isEqualTo(200);
    }

    private int chat(String authorization) {
        return get("/api/v1/chat/rooms", Map.of("Authorization", authorization)).statusCode();
    }
}
