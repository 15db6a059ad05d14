/** The Redis keyspace helper: every key a service writes starts with its own prefix. */
package io.xaostech.platform.redis;
