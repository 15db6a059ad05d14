/** The privacy hooks every service that holds personal data answers, defined once. */
package io.xaostech.platform.privacy;
