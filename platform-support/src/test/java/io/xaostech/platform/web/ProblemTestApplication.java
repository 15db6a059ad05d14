package io.xaostech.platform.web;

import io.xaostech.common.problem.ProblemType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A small servlet app that fails in every way a real service can, to test the shared error mapping. */
@SpringBootApplication
class ProblemTestApplication {

    record Greeting(@NotBlank @Size(max = 20) String name, @Max(10) int times) {
    }

    static final class WidgetNotFound extends ProblemException {
        WidgetNotFound(String id) {
            super(ProblemType.NOT_FOUND, "No widget " + id, Map.of("widgetId", id));
        }
    }

    @RestController
    static class Endpoints {

        @PostMapping(path = "/greetings", consumes = MediaType.APPLICATION_JSON_VALUE)
        Greeting greet(@Valid @RequestBody Greeting greeting) {
            return greeting;
        }

        @GetMapping("/widgets/{id}")
        String widget(@PathVariable String id) {
            throw new WidgetNotFound(id);
        }

        /** How the service sees its caller, after the forwarded headers were believed or removed. */
        @GetMapping("/caller")
        Map<String, Object> caller(jakarta.servlet.http.HttpServletRequest request) {
            return Map.of("address", request.getRemoteAddr(), "secure", request.isSecure(),
                    "url", request.getRequestURL().toString());
        }

        @GetMapping("/count")
        int count(@RequestParam int n) {
            return n;
        }

        /** What a transaction meets when PostgreSQL restarts under it. */
        @PostMapping("/transactions")
        String lostConnection() {
            throw new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
                    new java.sql.SQLException("This connection has been closed.", "08003"));
        }

        /** What a transaction meets when the pool's connection died: the rollback fails after an I/O error. */
        @PostMapping("/transactions/pooled")
        String lostPooledConnection() {
            org.springframework.transaction.TransactionSystemException failed =
                    new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
                            new java.sql.SQLException("Connection is closed"));
            failed.initApplicationException(new org.springframework.dao.DataAccessResourceFailureException(
                    "An I/O error occurred while sending to the backend."));
            throw failed;
        }

        /** A rollback that failed for another reason: a bug, not an outage. */
        @PostMapping("/transactions/broken")
        String brokenRollback() {
            throw new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
                    new java.sql.SQLException("syntax error", "42601"));
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("secret internal detail");
        }
    }
}
