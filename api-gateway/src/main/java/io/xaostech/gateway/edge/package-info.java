/** What the gateway does to every request at the edge before routing: strips internal headers, blocks internal paths. */
package io.xaostech.gateway.edge;
