/** Every servlet service as an OAuth2 resource server of account: bearer tokens checked the same way everywhere. */
package io.xaostech.platform.security;
