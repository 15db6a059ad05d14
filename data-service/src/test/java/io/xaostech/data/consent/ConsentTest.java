package io.xaostech.data.consent;

import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Role;
import io.xaostech.data.DataApi;
import io.xaostech.platform.crypto.Sha256;
import io.xaostech.platform.redis.Keyspace;
import io.xaostech.platform.test.TestIssuer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Purposes and notices, recording consent with signed receipts, the Global Privacy Control, and re-consent. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsentTest {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    Keyspace keys;

    private DataApi api;
    private UUID userId;
    private String user;
    private String admin;

    @BeforeEach
    void aUserAndAnAdministrator() {
        api = new DataApi(port);
        userId = UUID.randomUUID();
        user = TestIssuer.get().userToken(userId, Role.USER);
        admin = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER, Role.ADMIN);
    }

    @Test
    void purposesArePublicWithTheExactNoticeTextAndItsHash() {
        String purposes = api.call("GET", "/api/v1/data/purposes", null, null).body();
        assertThat(JsonPath.<List<String>>read(purposes, "$[*].code")).contains("essential", "analytics", "marketing",
                "sale-sharing");
        String text = JsonPath.<List<String>>read(purposes, "$[?(@.code == 'analytics')].noticeText").get(0);
        assertThat(JsonPath.<List<String>>read(purposes, "$[?(@.code == 'analytics')].noticeSha256"))
                .containsExactly(Sha256.hex(text));
    }

    @Test
    void grantingAndWithdrawingAreRecordedCachedAndAnsweredWithAVerifiableReceipt() throws Exception {
        HttpResponse<String> granted = api.call("PUT", path(), user, api.choices("BANNER", "analytics=GRANTED",
                "marketing=DENIED"), Map.of("User-Agent", "ConsentTest/1.0"));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(DataApi.allowed(granted.body(), "analytics")).isTrue();
        assertThat(DataApi.allowed(granted.body(), "marketing")).isFalse();
        assertThat(DataApi.allowed(granted.body(), "essential")).as("essential needs no consent").isTrue();
        assertThat(JsonPath.<List<String>>read(granted.body(), "$.records[*].ipTruncated")).containsOnly("127.0.0.0");

        JWSObject receipt = JWSObject.parse(JsonPath.read(granted.body(), "$.receipt"));
        JWKSet published = JWKSet.parse(api.call("GET", "/api/v1/data/receipts/jwks", null, null).body());
        RSAKey key = (RSAKey) published.getKeyByKeyId(receipt.getHeader().getKeyID());
        assertThat(receipt.verify(new RSASSAVerifier(key))).as("signed by a published key").isTrue();
        assertThat(receipt.getPayload().toString()).contains("user:" + userId).contains("analytics")
                .contains(JsonPath.<String>read(granted.body(), "$.records[0].id"));

        String cached = redis.opsForValue().get(keys.key("user", userId.toString(), "consent"));
        assertThat(cached).as("other services read the current state from Redis").contains("\"allowed\":true");

        HttpResponse<String> withdrawn = api.call("PUT", path(), user, api.choices("SETTINGS", "analytics=WITHDRAWN"));
        assertThat(DataApi.allowed(withdrawn.body(), "analytics")).as("withdrawing is as easy as granting").isFalse();
        assertThat(DataApi.allowed(api.call("GET", path(), user, null).body(), "analytics")).isFalse();
        String history = api.call("GET", path() + "/history", user, null).body();
        assertThat(JsonPath.<List<String>>read(history, "$[?(@.purpose == 'analytics')].decision"))
                .containsExactly("WITHDRAWN", "GRANTED");
        assertThat(api.call("GET", path(), admin, null).statusCode()).as("administrators may read").isEqualTo(200);
    }

    @Test
    void badChoicesAreRefusedAndNothingIsRecorded() {
        assertProblem(api.call("PUT", path(), user, "{\"method\":\"API\",\"choices\":[{\"purpose\":\"astrology\","
                + "\"decision\":\"GRANTED\",\"noticeVersion\":1}]}"), 422, ProblemType.UNPROCESSABLE);
        assertProblem(api.call("PUT", path(), user, "{\"method\":\"API\",\"choices\":[{\"purpose\":\"analytics\","
                + "\"decision\":\"GRANTED\",\"noticeVersion\":99}]}"), 422, ProblemType.UNPROCESSABLE);
        assertProblem(api.call("PUT", path(), user, api.choices("API", "essential=DENIED")), 422, ProblemType.UNPROCESSABLE);
        assertProblem(api.call("PUT", path(), user, api.choices("API", "analytics=GRANTED", "analytics=DENIED")), 422,
                ProblemType.UNPROCESSABLE);
        assertProblem(api.call("PUT", path(), user, api.choices("GPC", "analytics=GRANTED")), 422, ProblemType.UNPROCESSABLE);
        assertProblem(api.call("PUT", path(), user, "{\"method\":\"API\",\"choices\":[]}"), 400, ProblemType.INVALID_REQUEST);
        assertProblem(api.call("PUT", "/api/v1/data/users/" + UUID.randomUUID() + "/consents", user,
                api.choices("API", "analytics=GRANTED")), 403, ProblemType.FORBIDDEN);
        assertProblem(api.call("GET", "/api/v1/data/users/" + UUID.randomUUID() + "/consents", user, null), 403,
                ProblemType.FORBIDDEN);
        assertProblem(api.call("PUT", path(), null, api.choices("API", "analytics=GRANTED")), 401, ProblemType.UNAUTHORIZED);
        assertThat(api.call("GET", path() + "/history", user, null).body()).isEqualTo("[]");
    }

    @Test
    void theGlobalPrivacyControlWithdrawsSaleAndSharing() {
        HttpResponse<String> changed = api.call("PUT", path(), user, api.choices("BANNER", "analytics=GRANTED",
                "sale-sharing=GRANTED"), Map.of("Sec-GPC", "1"));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(DataApi.allowed(changed.body(), "analytics")).isTrue();
        assertThat(DataApi.allowed(changed.body(), "sale-sharing")).isFalse();
        assertThat(JsonPath.<List<String>>read(changed.body(), "$.records[?(@.purpose == 'sale-sharing')].method"))
                .containsExactly("GPC");

        api.call("PUT", path(), user, api.choices("SETTINGS", "marketing=GRANTED"), Map.of("Sec-GPC", "1"));
        String history = api.call("GET", path() + "/history", user, null).body();
        assertThat(JsonPath.<List<String>>read(history, "$[?(@.purpose == 'sale-sharing')].decision"))
                .as("withdrawn once, not again on every request").containsExactly("WITHDRAWN");
    }

    @Test
    void aNewNoticeVersionAsksForConsentAgain() {
        String code = "newsletter-" + UUID.randomUUID().toString().substring(0, 8);
        assertProblem(api.call("POST", "/api/v1/data/admin/purposes", user, purpose(code)), 403, ProblemType.FORBIDDEN);
        HttpResponse<String> created = api.call("POST", "/api/v1/data/admin/purposes", admin, purpose(code));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertProblem(api.call("POST", "/api/v1/data/admin/purposes", admin, purpose(code)), 409, ProblemType.CONFLICT);
        String before = api.choices("SETTINGS", code + "=GRANTED");
        assertThat(DataApi.allowed(api.call("PUT", path(), user, before).body(), code)).isTrue();

        HttpResponse<String> published = api.call("POST", "/api/v1/data/admin/purposes/" + code + "/notices", admin,
                "{\"text\":\"We now also send a weekly digest.\"}");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        assertThat((Integer) JsonPath.read(published.body(), "$.noticeVersion")).isEqualTo(2);
        assertThat(redis.opsForValue().get(keys.key("user", userId.toString(), "consent")))
                .as("cached standings are dropped").isNull();

        String now = api.call("GET", path(), user, null).body();
        assertThat(JsonPath.<List<Boolean>>read(now, "$[?(@.purpose == '" + code + "')].needsReconsent")).containsExactly(true);
        assertThat(DataApi.allowed(now, code)).isFalse();
        assertProblem(api.call("PUT", path(), user, before), 422, ProblemType.UNPROCESSABLE);
        assertThat(DataApi.allowed(api.call("PUT", path(), user, api.choices("SETTINGS", code + "=GRANTED")).body(), code)).isTrue();
    }

    private static String purpose(String code) {
        return "{\"code\":\"" + code + "\",\"name\":\"Newsletter\",\"notice\":\"We send a monthly newsletter.\"}";
    }


    private String path() {
        return "/api/v1/data/users/" + userId + "/consents";
    }
}
