/** api-gateway configuration. */
package io.xaostech.gateway.config;
