/** HTTP header names shared by the gateway and the services. */
package io.xaostech.common.http;
