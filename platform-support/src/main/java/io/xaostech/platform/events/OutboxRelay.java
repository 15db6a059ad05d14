package io.xaostech.platform.events;

import io.xaostech.common.event.Topics;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes outbox rows to their Redis Streams, oldest first, and marks them published. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances share the work without publishing a row twice at the
 * same time; a crash after publishing and before the commit publishes again, which consumers tolerate by
 * de-duplicating on the event id. Streams are capped (approximately) at {@link #MAX_STREAM_LENGTH} entries.
 */
public class OutboxRelay {

    static final int BATCH = 100;
    static final long MAX_STREAM_LENGTH = 100_000;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final StringRedisTemplate redis;

    public OutboxRelay(JdbcClient jdbc, StringRedisTemplate redis) {
        this.jdbc = jdbc;
        this.redis = redis;
    }

    record Row(long id, String stream, String type, String envelope) {
    }

    @Scheduled(fixedDelayString = "${xaos.platform.outbox.poll-interval:500ms}")
    @Transactional
    public void relay() {
        List<Row> rows = jdbc.sql("select id, stream, type, envelope from outbox where published_at is null "
                        + "order by id limit " + BATCH + " for update skip locked")
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
        for (Row row : rows) {
            MapRecord<String, String, String> record = StreamRecords.newRecord().in(row.stream())
                    .ofMap(Map.of(Topics.FIELD_TYPE, row.type(), Topics.FIELD_ENVELOPE, row.envelope()));
            redis.opsForStream().add(record, XAddOptions.maxlen(MAX_STREAM_LENGTH).approximateTrimming(true));
            jdbc.sql("update outbox set published_at = now() where id = ?").param(row.id()).update();
        }
        if (!rows.isEmpty()) {
            log.debug("Published {} outbox events", rows.size());
        }
    }
}
