/** The live side: the WebSocket protocol, and every instance delivering every room's messages through Redis Streams. */
package io.xaostech.chat.live;
