/**
 * The language switch: the site's interface strings ({@code messages.properties}, English) are published to
 * lingua as the catalogue {@code webfront}; a visitor who chose another language (the {@code XAOS_LANG} cookie,
 * else their browser's Accept-Language among the configured ones) gets lingua's strings for it, English where lingua
 * has none or cannot be reached.
 */
package io.xaostech.webfront.language;
