/** chat-service configuration. */
package io.xaostech.chat.config;
