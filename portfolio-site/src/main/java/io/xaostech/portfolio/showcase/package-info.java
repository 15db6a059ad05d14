/** The showcase's pages (list with filters, project, collection) and its sitemap. */
package io.xaostech.portfolio.showcase;
