/** The append-only consent log, each subject's current consent derived from it (cached in Redis), and receipts. */
package io.xaostech.data.consent;
