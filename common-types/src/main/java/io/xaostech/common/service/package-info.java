/** The catalogue of the platform's services: names, default ports and owned storage. */
package io.xaostech.common.service;
