/** The signed-in visitor's own pages. */
package io.xaostech.webfront.me;
