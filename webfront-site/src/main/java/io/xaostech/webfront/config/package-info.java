/** webfront-site configuration. */
package io.xaostech.webfront.config;
