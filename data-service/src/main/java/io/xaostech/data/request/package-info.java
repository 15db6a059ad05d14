/** Privacy requests: a person's data exported or erased across every service that holds some, step by step. */
package io.xaostech.data.request;
