/** Translation memory and glossary: curated translations consulted before any engine, and their admin API. */
package io.xaostech.lingua.memory;
