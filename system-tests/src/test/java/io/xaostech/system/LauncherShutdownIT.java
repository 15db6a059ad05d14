package io.xaostech.system;

import static io.xaostech.system.Platform.VAR;
import static io.xaostech.system.Platform.launcher;
import static io.xaostech.system.Platform.port;
import static io.xaostech.system.Platform.processesMentioning;
import static io.xaostech.system.Platform.recordedPids;
import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.common.service.XaosService;
import io.xaostech.system.Platform.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Last of the platform's tests: {@code ./xaostech up} again changes nothing, and {@code down} leaves nothing running. */
@Order(5)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherShutdownIT {

    @BeforeAll
    static void platformIsUp() throws Exception {
        Platform.up();
    }

    @Test
    @Order(1)
    void upAgainIsANoOpAndStatusShowsAllUp() throws Exception {
        List<String> pidsBefore = recordedPids();

        Run again = launcher("up");
        Run status = launcher("status");

        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).contains("Everything is already up.");
        assertThat(recordedPids()).isEqualTo(pidsBefore);
        for (XaosService service : XaosService.values()) {
            assertThat(status.output()).containsPattern(service.moduleName() + "\\s+up\\s+\\d+\\s+" + port(service));
        }
    }

    @Test
    @Order(2)
    void downLeavesNoProcessBehind() throws Exception {
        List<String> pids = recordedPids();
        assertThat(pids).hasSize(XaosService.values().length + 1);

        Run down = launcher("down");

        assertThat(down.exitCode()).as(down.output()).isZero();
        for (String pid : pids) {
            assertThat(Files.exists(Path.of("/proc", pid))).as("process %s is gone", pid).isFalse();
        }
        assertThat(processesMentioning(VAR.toString())).isEmpty();
        assertThat(recordedPids()).isEmpty();
    }

}
