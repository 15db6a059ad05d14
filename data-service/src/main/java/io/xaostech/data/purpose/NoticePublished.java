package io.xaostech.data.purpose;

/** A purpose got a new notice version: consents given to earlier ones need renewing. */
public record NoticePublished(String purposeCode, int version) {
}
