/** Servlet-stack wiring: request ids and RFC 9457 problem details for every error. */
package io.xaostech.platform.web;
