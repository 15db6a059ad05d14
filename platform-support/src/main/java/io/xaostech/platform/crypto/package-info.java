/** Small cryptographic helpers shared by the services that keep or look up secrets by their hash. */
package io.xaostech.platform.crypto;
