package io.xaostech.portfolio.content;

import java.util.List;

/** A curated set of projects, in the order the collection lists them. */
public record Collection(String slug, String title, String summary, List<String> projects, String bodyHtml) {
}
