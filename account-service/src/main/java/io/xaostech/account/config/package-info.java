/** account-service configuration. */
package io.xaostech.account.config;
