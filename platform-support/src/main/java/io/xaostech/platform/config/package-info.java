/** Service identity and the defaults every service derives from the service catalogue. */
package io.xaostech.platform.config;
