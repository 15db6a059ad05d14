/** The durable history: messages stored with a per-room sequence number before anyone is told about them. */
package io.xaostech.chat.message;
