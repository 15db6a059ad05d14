/** Small JDBC helpers every service's repositories use. */
package io.xaostech.platform.jdbc;
