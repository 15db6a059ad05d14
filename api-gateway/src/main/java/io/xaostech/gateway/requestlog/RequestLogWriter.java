package io.xaostech.gateway.requestlog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.xaostech.gateway.config.GatewayProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Holds log entries in a bounded queue and writes them in batches on the scheduler's thread, never on a request's:
 * a full queue drops entries (counted in {@code xaos.gateway.request_log.dropped}), a failing database loses
 * the batch it could not write (counted too) — neither slows or fails a request. Old entries are deleted in
 * chunks after {@code retention}.
 */
@Component
class RequestLogWriter {

    private static final Logger log = LoggerFactory.getLogger(RequestLogWriter.class);
    private static final int DELETE_CHUNK = 10_000;

    private final JdbcTemplate jdbc;
    private final GatewayProperties.RequestLog settings;
    private final Clock clock;
    private final BlockingQueue<RequestLogEntry> queue;
    private final Counter dropped;
    private final Counter written;
    private volatile boolean failing;

    RequestLogWriter(JdbcTemplate jdbc, GatewayProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.settings = properties.requestLog();
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.dropped = meters.counter("xaos.gateway.request_log.dropped");
        this.written = meters.counter("xaos.gateway.request_log.written");
        meters.gaugeCollectionSize("xaos.gateway.request_log.queued", List.of(), queue);
    }

    /** Queues an entry; answers at once whether or not there was room. */
    void add(RequestLogEntry entry) {
        if (!queue.offer(entry)) {
            dropped.increment();
        }
    }

    @Scheduled(fixedDelayString = "${xaos.gateway.request-log.flush-interval:1s}")
    void flush() {
        List<RequestLogEntry> batch = new ArrayList<>(settings.batchSize());
        while (queue.drainTo(batch, settings.batchSize()) > 0) {
            write(batch);
            batch.clear();
        }
    }

    private void write(List<RequestLogEntry> batch) {
        try {
            jdbc.batchUpdate("insert into request_log (received_at, request_id, route_id, method, path, status,"
                            + " duration_ms, principal, client_ip, trace_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    batch, batch.size(),
                    (statement, entry) -> {
                        statement.setTimestamp(1, Timestamp.from(entry.receivedAt()));
                        statement.setString(2, entry.requestId());
                        statement.setString(3, entry.routeId());
                        statement.setString(4, entry.method());
                        statement.setString(5, entry.path());
                        statement.setInt(6, entry.status());
                        statement.setInt(7, entry.durationMillis());
                        statement.setString(8, entry.principal());
                        statement.setString(9, entry.clientIp());
                        statement.setString(10, entry.traceId());
                    });
            written.increment(batch.size());
            if (failing) {
                failing = false;
                log.info("Request log written again");
            }
        } catch (RuntimeException e) {
            dropped.increment(batch.size());
            if (!failing) {
                failing = true;
                log.warn("Request log cannot be written ({}); entries are dropped until it can", e.toString());
            }
        }
    }

    /** Deletes entries older than the retention, a chunk at a time so no statement holds locks for long. */
    @Scheduled(initialDelay = 60_000, fixedDelay = 3_600_000)
    int deleteExpired() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(settings.retention()));
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update("delete from request_log where id in (select id from request_log where received_at < ?"
                    + " limit " + DELETE_CHUNK + ")", cutoff);
            total += deleted;
        } while (deleted == DELETE_CHUNK);
        if (total > 0) {
            log.info("Request log: deleted {} entries older than {}", total, settings.retention());
        }
        return total;
    }
}
