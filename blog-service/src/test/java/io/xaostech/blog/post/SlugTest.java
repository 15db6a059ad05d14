package io.xaostech.blog.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SlugTest {

    @Test
    void aTitleBecomesLowerCaseWordsWithoutAccents() {
        assertThat(Slug.fromTitle("  Ça va? Crème Brûlée & Co. — 2026!  ").value()).isEqualTo("ca-va-creme-brulee-co-2026");
        assertThat(Slug.fromTitle("!!!").value()).isEqualTo("post");
        assertThat(Slug.fromTitle("word ".repeat(100)).value()).hasSizeLessThanOrEqualTo(Slug.MAX_LENGTH - 12)
                .doesNotEndWith("-");
    }

    @Test
    void onlyWellFormedSlugsAreAccepted() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Slug("Upper"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Slug("double--hyphen"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Slug("-leading"));
        assertThat(new Slug("ok-2").withSuffix(3).value()).isEqualTo("ok-2-3");
    }
}
