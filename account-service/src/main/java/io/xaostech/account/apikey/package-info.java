/** API keys: created and revoked by their owner, resolved by services through an internal endpoint. */
package io.xaostech.account.apikey;
