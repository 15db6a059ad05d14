/** Language codes, names and translation directions. */
package io.xaostech.lingua.language;
