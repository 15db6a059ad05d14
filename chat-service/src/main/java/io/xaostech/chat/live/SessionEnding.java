package io.xaostech.chat.live;

import io.xaostech.common.event.EventEnvelope;
import io.xaostech.common.event.SessionEnded;
import io.xaostech.common.event.Topics;
import io.xaostech.platform.events.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Account's {@link SessionEnded}: the connections opened with that session's tokens close, on every instance, and
 * its tokens open no new ones ({@link EndedSessions}).
 * The event reaches one instance (the service's consumer group), which passes it on through the fan-out; if
 * that fails the event stays pending and comes again. So a revoked session's connections end within the event
 * consumer's poll interval, and at the latest when their token expires.
 */
@Component
class SessionEnding implements EventHandler<SessionEnded> {

    private final Fanout fanout;
    private final EndedSessions ended;

    SessionEnding(Fanout fanout, EndedSessions ended) {
        this.fanout = fanout;
        this.ended = ended;
    }

    @Override
    public String topic() {
        return Topics.ACCOUNT;
    }

    @Override
    public String type() {
        return SessionEnded.TYPE;
    }

    @Override
    public Class<SessionEnded> payloadType() {
        return SessionEnded.class;
    }

    @Override
    public void handle(EventEnvelope<SessionEnded> event) {
        ended.end(event.payload().sessionId().toString());
        fanout.sessionEnded(event.payload().sessionId().toString());
    }

    /** A session ended: this instance closes its connections of it. */
    record EndedHere(String sessionId) {
    }
}
