/** Reactive-stack wiring (used by the gateway): request ids, log context and problem details. */
package io.xaostech.platform.reactive;
