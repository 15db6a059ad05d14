/** The plans on sale, from configuration, and the public list of them. */
package io.xaostech.payments.plan;
