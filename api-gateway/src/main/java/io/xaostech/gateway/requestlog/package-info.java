/** The API request log: one row per request in the {@code api} schema, written in batches off the request path. */
package io.xaostech.gateway.requestlog;
