/** RFC 9457 problem types and members every service uses in its error bodies. */
package io.xaostech.common.problem;
