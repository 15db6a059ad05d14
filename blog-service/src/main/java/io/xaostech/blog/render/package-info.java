/** Markdown to HTML that is safe to put in a page: CommonMark, then an allow-list sanitiser. */
package io.xaostech.blog.render;
