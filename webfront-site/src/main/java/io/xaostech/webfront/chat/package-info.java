/**
 * The chat pages: rooms and their history rendered from chat-service's API with the visitor's token, a plain form
 * to send (works without JavaScript), and a live connection the page's script opens to this site, which relays it
 * to chat-service's WebSocket with the visitor's token, so the token never reaches the browser.
 */
package io.xaostech.webfront.chat;
