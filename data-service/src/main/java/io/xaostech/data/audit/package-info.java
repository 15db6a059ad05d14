/** The append-only, hash-chained audit log of consent changes, privacy requests and admin actions. */
package io.xaostech.data.audit;
