/**
 * The privacy centre ({@code /privacy}: purposes with their notices, the visitor's decisions, export and erasure
 * requests) and the consent banner on every page until the visitor has decided under the current notices. Every
 * decision is recorded by data-service (with {@code Sec-GPC} passed on); the site only remembers, in its
 * {@code XAOS_CONSENT} cookie, which notices the visitor decided on and their visitor id before signing in.
 */
package io.xaostech.webfront.privacy;
