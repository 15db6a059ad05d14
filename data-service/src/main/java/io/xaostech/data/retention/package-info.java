/** Retention: how long each category of data is kept, and the scheduled purge that records what it removed. */
package io.xaostech.data.retention;
