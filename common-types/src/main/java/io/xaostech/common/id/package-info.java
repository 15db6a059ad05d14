/** Typed identifiers that cross service boundaries. */
package io.xaostech.common.id;
