/** Small helpers several account features share. */
package io.xaostech.account.support;
