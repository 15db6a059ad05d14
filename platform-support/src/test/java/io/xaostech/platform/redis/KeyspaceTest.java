package io.xaostech.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class KeyspaceTest {

    private final Keyspace blog = new Keyspace("blog:");

    @Test
    void joinsPartsUnderThePrefix() {
        assertThat(blog.key("post", "hello-world")).isEqualTo("blog:post:hello-world");
        assertThat(blog.pattern("post", "*")).isEqualTo("blog:post:*");
        assertThat(blog.pattern()).isEqualTo("blog:*");
    }

    @Test
    void knowsItsOwnKeys() {
        assertThat(blog.owns("blog:post:1")).isTrue();
        assertThat(blog.owns("blogger:post:1")).isFalse();
        assertThat(blog.owns("chat:room:1")).isFalse();
        assertThat(blog.owns("blog:")).isFalse();
    }

    @Test
    void rejectsPrefixesThatCouldCollide() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Keyspace("blog"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Keyspace("Blog:"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Keyspace(":"));
    }

    @Test
    void rejectsEmptyOrUnsafeParts() {
        assertThatIllegalArgumentException().isThrownBy(() -> blog.key());
        assertThatIllegalArgumentException().isThrownBy(() -> blog.key("post", ""));
        assertThatIllegalArgumentException().isThrownBy(() -> blog.key("post", "a b"));
        assertThatIllegalArgumentException().isThrownBy(() -> blog.key("post", "x".repeat(257)));
    }
}
