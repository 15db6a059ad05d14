/** Cursor pagination records used by every list endpoint. */
package io.xaostech.common.page;
