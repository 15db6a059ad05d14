/** The portfolio's JSON API beside its pages. */
package io.xaostech.portfolio.api;
