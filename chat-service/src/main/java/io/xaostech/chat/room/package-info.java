/** Rooms (public, private, direct) and who is in them with which role. */
package io.xaostech.chat.room;
