/** Token signing keys: persisted, encrypted at rest, rotated with the next key published ahead of use. */
package io.xaostech.account.keys;
