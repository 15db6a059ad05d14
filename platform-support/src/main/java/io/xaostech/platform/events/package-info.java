/** Events that must not be lost: the transactional outbox and its relay to Redis Streams. */
package io.xaostech.platform.events;
