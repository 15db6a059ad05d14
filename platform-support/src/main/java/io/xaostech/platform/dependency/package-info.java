/** Failures of dependencies, logged and counted the same way in every service. */
package io.xaostech.platform.dependency;
