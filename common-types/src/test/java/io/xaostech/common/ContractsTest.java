package io.xaostech.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.xaostech.common.http.XaosHeaders;
import io.xaostech.common.id.UserId;
import io.xaostech.common.page.PageRequest;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.service.XaosService;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContractsTest {

    @Test
    void catalogueMatchesTheDesignPorts() {
        assertThat(Arrays.stream(XaosService.values()).mapToInt(XaosService::defaultPort))
                .containsExactly(8080, 8081, 8082, 8083, 8084, 8085, 8086, 8087, 8088);
        assertThat(XaosService.of("blog-service")).isSameAs(XaosService.BLOG);
        assertThat(XaosService.of("blog")).isSameAs(XaosService.BLOG);
        assertThat(XaosService.BLOG.bucket()).hasValue("blog-media");
        assertThat(XaosService.WEBFRONT.schema()).isEmpty();
        assertThat(XaosService.GATEWAY.keyPrefix()).hasValue("api:");
        assertThatIllegalArgumentException().isThrownBy(() -> XaosService.of("nope"));
    }

    @Test
    void eachServiceOwnsDistinctStorage() {
        assertThat(Arrays.stream(XaosService.values()).flatMap(s -> s.schema().stream())).doesNotHaveDuplicates();
        assertThat(Arrays.stream(XaosService.values()).flatMap(s -> s.keyPrefix().stream())).doesNotHaveDuplicates();
        assertThat(Arrays.stream(XaosService.values()).flatMap(s -> s.bucket().stream())).doesNotHaveDuplicates();
    }

    @Test
    void requestIdsAreAdoptedOnlyWhenSafe() {
        assertThat(XaosHeaders.isValidRequestId("abc-123_x.y:z")).isTrue();
        assertThat(XaosHeaders.isValidRequestId("")).isFalse();
        assertThat(XaosHeaders.isValidRequestId("a b")).isFalse();
        assertThat(XaosHeaders.isValidRequestId("line\nbreak")).isFalse();
        assertThat(XaosHeaders.isValidRequestId("x".repeat(129))).isFalse();
    }

    @Test
    void internalHeadersAreRecognisedInAnyCase() {
        assertThat(XaosHeaders.isInternal("X-Internal-Request")).isTrue();
        assertThat(XaosHeaders.isInternal("x-internal-foo")).isTrue();
        assertThat(XaosHeaders.isInternal("X-Internals")).isFalse();
    }

    @Test
    void problemTypesHaveStableUris() {
        assertThat(ProblemType.NOT_FOUND.uri()).hasToString("https://xaostech.io/problems/not-found");
        assertThat(ProblemType.forStatus(404)).isSameAs(ProblemType.NOT_FOUND);
        assertThat(ProblemType.forStatus(400)).isSameAs(ProblemType.BAD_REQUEST);
        assertThat(ProblemType.forStatus(599)).isSameAs(ProblemType.INTERNAL);
    }

    @Test
    void typedIdsAcceptOnlyCanonicalUuids() {
        UUID uuid = UUID.randomUUID();
        assertThat(UserId.of(uuid.toString()).value()).isEqualTo(uuid);
        assertThatIllegalArgumentException().isThrownBy(() -> UserId.of("1-1-1-1-1"));
        assertThatIllegalArgumentException().isThrownBy(() -> UserId.of(null));
    }

    @Test
    void pageRequestsAreBounded() {
        assertThat(PageRequest.firstDefault().limit()).isEqualTo(20);
        assertThatIllegalArgumentException().isThrownBy(() -> PageRequest.first(0));
        assertThatIllegalArgumentException().isThrownBy(() -> PageRequest.first(101));
        assertThatIllegalArgumentException().isThrownBy(() -> new PageRequest(10, "x".repeat(513)));
    }
}
