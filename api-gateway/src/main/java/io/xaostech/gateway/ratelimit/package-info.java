/**
 * Rate limits at the edge: token buckets in Redis (one atomic script per request, several limits per route and
 * plan), standard headers, and a per-policy fallback when Redis is unreachable.
 */
package io.xaostech.gateway.ratelimit;
