/** The registry of processing purposes and their versioned notice texts. */
package io.xaostech.data.purpose;
