/** Language detection among the configured languages. */
package io.xaostech.lingua.detect;
