/** The logo and shared images, kept in the S3 {@code img} bucket and served at {@code /img/**}. */
package io.xaostech.webfront.image;
