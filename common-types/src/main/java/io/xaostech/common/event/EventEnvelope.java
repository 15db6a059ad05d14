package io.xaostech.common.event;

import io.xaostech.common.id.EventId;
import java.time.Instant;
import java.util.Objects;

/**
 * One event as it travels on a Redis Stream {@code events:<topic>}. Delivery is at-least-once:
 * consumers deduplicate on {@link #id()}.
 *
 * @param id         unique id of this event
 * @param type       past-tense event name, for example {@code UserDeleted}
 * @param version    schema version of the payload, starting at 1
 * @param source     id of the producing service (see {@link io.xaostech.common.service.XaosService#id()})
 * @param subject    what the event is about, for example a user id; used for ordering and erasure
 * @param occurredAt when the change happened at the producer
 * @param requestId  request that caused it, for tracing; may be null for scheduled work
 * @param payload    the event record
 */
public record EventEnvelope<T>(EventId id, String type, int version, String source, String subject,
                               Instant occurredAt, String requestId, T payload) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        requireText(type, "type");
        requireText(source, "source");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
