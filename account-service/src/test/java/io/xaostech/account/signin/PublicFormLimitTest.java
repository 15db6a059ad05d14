package io.xaostech.account.signin;

import static io.xaostech.account.AccountFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.account.AccountApiTestBase;
import io.xaostech.common.problem.ProblemType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Mailed-token redemption, over the API and the pages alike, is limited per client address. */
class PublicFormLimitTest extends AccountApiTestBase {

    @Test
    void guessingMailedTokensFromOneAddressIsCutOffWithRetryAfter() {
        String guesser = "198.51.100." + (1 + (int) (System.nanoTime() % 250));
        int limit = properties.users().publicFormsPerAddress();
        for (int i = 0; i < limit; i++) {
            assertThat(verify(guesser).statusCode()).as("attempt %d", i + 1).isEqualTo(400);
        }

        HttpResponse<String> refused = verify(guesser);
        assertProblem(refused, 429, ProblemType.RATE_LIMITED);
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, properties.users().publicFormsWindow().toSeconds());

        HttpResponse<String> page = api.http().send(HttpRequest.newBuilder(api.http().uri("/reset-password/confirm"))
                .header("X-Forwarded-For", guesser).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=guess&password=whatever")));
        assertThat(page.statusCode()).as("the reset page counts as the same kind").isEqualTo(429);
        assertThat(verify("203.0.113.9").statusCode()).as("another address is not affected").isEqualTo(400);
    }

    private HttpResponse<String> verify(String clientIp) {
        return api.http().send(HttpRequest.newBuilder(api.http().uri("/api/v1/account/email-verifications"))
                .header("X-Forwarded-For", clientIp).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"a-guess\"}")));
    }
}
