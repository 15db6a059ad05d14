/** Pricing and the visitor's billing, through payments-service: plans, checkout, the billing portal, invoices. */
package io.xaostech.webfront.pricing;
