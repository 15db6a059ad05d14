package io.xaostech.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.problem.ProblemType;
import java.net.http.HttpResponse;

/** Checks that an error reached the client as the platform promises: status, problem+json and a stable type. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    public static void assertProblem(HttpResponse<String> response, int status, ProblemType type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat((String) JsonPath.read(response.body(), "$.type")).isEqualTo(type.uri().toString());
    }
}
