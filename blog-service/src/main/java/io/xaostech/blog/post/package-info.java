/** Posts: the editorial lifecycle (draft, scheduled, published, archived), slugs, revisions and the public reading paths. */
package io.xaostech.blog.post;
