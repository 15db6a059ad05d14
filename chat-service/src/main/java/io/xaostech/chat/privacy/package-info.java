/** What chat holds about a person: exported on request, erased on request or when their account is deleted. */
package io.xaostech.chat.privacy;
