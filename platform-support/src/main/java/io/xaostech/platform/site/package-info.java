/**
 * What the server-rendered sites (webfront, portfolio) share: security headers, content-hashed static assets with
 * immutable caching, ETags on pages, and friendly HTML error pages beside the problem details APIs get.
 */
package io.xaostech.platform.site;
