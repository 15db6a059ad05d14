/** Consent receipts: signed (JWS) statements of what a subject agreed to, verifiable with the published keys. */
package io.xaostech.data.receipt;
