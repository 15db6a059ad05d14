/** Who calls the translation API (API key, user, anonymous) and their per-plan quotas. */
package io.xaostech.lingua.access;
