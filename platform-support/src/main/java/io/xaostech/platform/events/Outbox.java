package io.xaostech.platform.events;

import io.xaostech.common.event.EventEnvelope;
import io.xaostech.common.event.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: an event written here commits or rolls back with the change it describes, and
 * {@link OutboxRelay} publishes it to its Redis Stream afterwards (at least once). A service that uses it adds
 * this table to its own schema with a migration:
 *
 * <pre>
 * CREATE TABLE outbox (
 *     id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
 *     stream       varchar(100)  NOT NULL,
 *     type         varchar(100)  NOT NULL,
 *     envelope     text          NOT NULL,
 *     created_at   timestamptz   NOT NULL DEFAULT now(),
 *     published_at timestamptz
 * );
 * CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
 * </pre>
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public Outbox(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Adds an event to the caller's transaction (there must be one). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void add(String stream, EventEnvelope<?> envelope) {
        if (!stream.startsWith(Topics.STREAM_PREFIX)) {
            throw new IllegalArgumentException("Event streams are named " + Topics.STREAM_PREFIX + "<topic>");
        }
        jdbc.sql("insert into outbox (stream, type, envelope) values (?, ?, ?)")
                .params(stream, envelope.type(), json.writeValueAsString(envelope))
                .update();
    }
}
