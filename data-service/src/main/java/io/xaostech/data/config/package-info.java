/** data-service configuration. */
package io.xaostech.data.config;
