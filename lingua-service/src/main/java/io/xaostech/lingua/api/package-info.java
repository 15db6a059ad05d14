/** The LibreTranslate-compatible HTTP API. */
package io.xaostech.lingua.api;
