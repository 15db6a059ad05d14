/** portfolio-site configuration. */
package io.xaostech.portfolio.config;
