/** What blog holds about a person: exported on request, erased on request or when their account is deleted. */
package io.xaostech.blog.privacy;
