/** The public showcase of projects. */
package io.xaostech.portfolio.showcase;
