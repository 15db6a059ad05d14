/** payments-service configuration. */
package io.xaostech.payments.config;
