/** Claim names, roles, scopes and audiences shared by the issuer and every resource server. */
package io.xaostech.common.security;
