package io.xaostech.webfront.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.webfront.config.Pages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The banner's return address and the cookie's fingerprint of the notices decided on. */
class ConsentChoicesTest {

    @Test
    void theBannerReturnsOnlyToAPathOfThisSite() {
        assertThat(Pages.localPath("/blog?tag=java")).isEqualTo("/blog?tag=java");
        assertThat(Pages.localPath("/")).isEqualTo("/");
        assertThat(Pages.localPath("/blog?tag={x}")).as("kept as written; redirects never expand it")
                .isEqualTo("/blog?tag={x}");
        for (String elsewhere : new String[] {"//evil.example/x", "/\\\\evil.example", "/\\evil.example", "https://evil.example", "blog",
                "/with space", "", null, "/" + "x".repeat(2000)}) {
            assertThat(Pages.localPath(elsewhere)).as(String.valueOf(elsewhere)).isEqualTo("/");
        }
    }

    @Test
    void aNewNoticeVersionOfAnAskedPurposeChangesTheFingerprintAndEssentialOnesDoNot() {
        List<DataClient.Purpose> now = List.of(purpose("essential", true, 1), purpose("analytics", false, 1),
                purpose("marketing", false, 2));
        String decided = ConsentCookie.fingerprint(now);

        assertThat(decided).matches("[0-9a-f]{16}");
        assertThat(ConsentCookie.fingerprint(List.of(now.get(2), now.get(1), now.get(0)))).as("order does not matter")
                .isEqualTo(decided);
        assertThat(ConsentCookie.fingerprint(List.of(purpose("essential", true, 2), now.get(1), now.get(2))))
                .isEqualTo(decided);
        assertThat(ConsentCookie.fingerprint(List.of(now.get(0), purpose("analytics", false, 2), now.get(2))))
                .isNotEqualTo(decided);
        assertThat(ConsentCookie.fingerprint(List.of(now.get(0), now.get(1)))).as("a purpose less").isNotEqualTo(decided);
    }

    private static DataClient.Purpose purpose(String code, boolean essential, int version) {
        return new DataClient.Purpose(code, code, "what " + code + " is", essential, false, version, "notice " + version);
    }
}
