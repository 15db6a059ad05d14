/** blog-service configuration. */
package io.xaostech.blog.config;
