/** lingua-service configuration. */
package io.xaostech.lingua.config;
