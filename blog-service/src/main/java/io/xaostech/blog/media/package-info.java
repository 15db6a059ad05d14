/** Images and PDFs for posts: checked by content, resized, kept in S3, tracked by the posts that use them. */
package io.xaostech.blog.media;
