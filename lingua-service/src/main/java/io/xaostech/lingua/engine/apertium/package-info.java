/** The offline engine: pools of long-running Apertium pipelines in null-flush mode. */
package io.xaostech.lingua.engine.apertium;
