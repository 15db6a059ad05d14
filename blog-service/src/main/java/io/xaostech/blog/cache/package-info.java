/** The Redis cache of what readers see, emptied as a whole on every change to published content. */
package io.xaostech.blog.cache;
