/** Who is online: a short-lived Redis key per connected user, refreshed while their connection is active. */
package io.xaostech.chat.presence;
