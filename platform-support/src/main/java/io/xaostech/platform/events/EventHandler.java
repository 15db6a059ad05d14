package io.xaostech.platform.events;

import io.xaostech.common.event.EventEnvelope;

/**
 * Handles one event type of one topic for the service it runs in. Delivery is at-least-once, in no guaranteed
 * order across producers: a handler must be idempotent (the same event may come again) and should
 * deduplicate on the envelope's id where doing the work twice would matter.
 *
 * @param <T> the payload record
 */
public interface EventHandler<T> {

    /** The stream, for example {@link io.xaostech.common.event.Topics#ACCOUNT}. */
    String topic();

    /** The envelope type handled, for example {@link io.xaostech.common.event.UserDeleted#TYPE}. */
    String type();

    Class<T> payloadType();

    /** Does the work; throwing leaves the event pending, and it is delivered again later. */
    void handle(EventEnvelope<T> event);
}
