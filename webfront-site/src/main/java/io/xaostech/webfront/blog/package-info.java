/** The blog's pages (list, tag, search, post with its comments) rendered from blog-service's public API. */
package io.xaostech.webfront.blog;
