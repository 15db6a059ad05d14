/** Machine translation engines behind one interface, and the routing of each language pair to one of them. */
package io.xaostech.lingua.engine;
