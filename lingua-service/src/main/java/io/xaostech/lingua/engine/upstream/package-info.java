/** The HTTP engine: a LibreTranslate-compatible server or DeepL, behind a timeout and a circuit breaker. */
package io.xaostech.lingua.engine.upstream;
