/** S3 client, the service's own bucket and its readiness check. */
package io.xaostech.platform.s3;
