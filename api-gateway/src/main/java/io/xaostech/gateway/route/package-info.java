/** Routes built in code from the service catalogue (the public routes live in application.yml). */
package io.xaostech.gateway.route;
