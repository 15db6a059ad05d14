/** Readers' comments on published posts, one level of replies, held for moderation by simple rules. */
package io.xaostech.blog.comment;
