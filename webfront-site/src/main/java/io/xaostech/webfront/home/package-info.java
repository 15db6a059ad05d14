/** The home page and navigation hub. */
package io.xaostech.webfront.home;
