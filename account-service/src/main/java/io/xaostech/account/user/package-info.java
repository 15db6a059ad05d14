/** Users of the platform: sign-in, roles. */
package io.xaostech.account.user;
