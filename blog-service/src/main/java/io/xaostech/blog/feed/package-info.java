/** RSS 2.0 and Atom feeds of the newest posts and the sitemap of every published one. */
package io.xaostech.blog.feed;
