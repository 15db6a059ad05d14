/** Browser sign-in sessions: registry, listing, ending, and the internal validity check. */
package io.xaostech.account.session;
