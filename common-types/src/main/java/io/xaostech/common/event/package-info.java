/** Event envelope and topic names for asynchronous messages over Redis Streams. */
package io.xaostech.common.event;
