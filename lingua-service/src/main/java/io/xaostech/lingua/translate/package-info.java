/** The translation pipeline: cache, translation memory, glossary protection, HTML text nodes and chunking. */
package io.xaostech.lingua.translate;
