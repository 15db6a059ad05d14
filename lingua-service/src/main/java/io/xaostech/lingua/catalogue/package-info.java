/** The websites' UI string catalogues, served in every language the engines reach. */
package io.xaostech.lingua.catalogue;
