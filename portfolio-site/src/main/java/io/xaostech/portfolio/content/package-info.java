/** Projects and collections from the module's content files (YAML front matter and Markdown), checked at start. */
package io.xaostech.portfolio.content;
