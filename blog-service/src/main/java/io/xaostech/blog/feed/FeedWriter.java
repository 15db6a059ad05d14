package io.xaostech.blog.feed;

import io.xaostech.blog.config.BlogProperties;
import io.xaostech.blog.post.PublishedPosts.Entry;
import io.xaostech.blog.post.PublishedPosts.Location;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.stereotype.Component;

/** Writes the feeds and the sitemap with a streaming XML writer, so every title and body is escaped correctly. */
@Component
class FeedWriter {

    static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    static final String CONTENT_NS = "http://purl.org/rss/1.0/modules/content/";
    static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final BlogProperties properties;

    FeedWriter(BlogProperties properties) {
        this.properties = properties;
    }

    String rss(List<Entry> entries) {
        return write(x -> {
            x.writeStartElement("rss");
            x.writeAttribute("version", "2.0");
            x.writeNamespace("atom", ATOM_NS);
            x.writeNamespace("content", CONTENT_NS);
            x.writeStartElement("channel");
            element(x, "title", properties.title());
            element(x, "link", blogUrl());
            element(x, "description", "Posts from " + properties.title());
            element(x, "language", "en");
            element(x, "lastBuildDate", rfc1123(newest(entries)));
            x.writeEmptyElement("atom", "link", ATOM_NS);
            x.writeAttribute("href", selfUrl("feeds/rss"));
            x.writeAttribute("rel", "self");
            x.writeAttribute("type", FeedController.RSS);
            for (Entry e : entries) {
                x.writeStartElement("item");
                element(x, "title", e.title());
                element(x, "link", properties.postUrl(e.slug()).toString());
                x.writeStartElement("guid");
                x.writeAttribute("isPermaLink", "false");
                x.writeCharacters("urn:uuid:" + e.id());
                x.writeEndElement();
                element(x, "pubDate", rfc1123(e.publishedAt()));
                element(x, "description", e.excerpt());
                x.writeStartElement("content", "encoded", CONTENT_NS);
                x.writeCharacters(e.html());
                x.writeEndElement();
                for (String tag : e.tags()) {
                    element(x, "category", tag);
                }
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndElement();
        });
    }

    String atom(List<Entry> entries) {
        return write(x -> {
            x.setDefaultNamespace(ATOM_NS);
            x.writeStartElement("feed");
            x.writeDefaultNamespace(ATOM_NS);
            element(x, "title", properties.title());
            element(x, "id", blogUrl());
            element(x, "updated", newest(entries).toString());
            link(x, "self", selfUrl("feeds/atom"), FeedController.ATOM);
            link(x, "alternate", blogUrl(), "text/html");
            x.writeStartElement("author");
            element(x, "name", properties.title());
            x.writeEndElement();
            for (Entry e : entries) {
                x.writeStartElement("entry");
                element(x, "title", e.title());
                element(x, "id", "urn:uuid:" + e.id());
                link(x, "alternate", properties.postUrl(e.slug()).toString(), "text/html");
                element(x, "published", e.publishedAt().toString());
                element(x, "updated", e.updatedAt().toString());
                element(x, "summary", e.excerpt());
                x.writeStartElement("content");
                x.writeAttribute("type", "html");
                x.writeCharacters(e.html());
                x.writeEndElement();
                for (String tag : e.tags()) {
                    x.writeEmptyElement("category");
                    x.writeAttribute("term", tag);
                }
                x.writeEndElement();
            }
            x.writeEndElement();
        });
    }

    String sitemap(List<Location> locations) {
        return write(x -> {
            x.setDefaultNamespace(SITEMAP_NS);
            x.writeStartElement("urlset");
            x.writeDefaultNamespace(SITEMAP_NS);
            x.writeStartElement("url");
            element(x, "loc", blogUrl());
            x.writeEndElement();
            for (Location location : locations) {
                x.writeStartElement("url");
                element(x, "loc", properties.postUrl(location.slug()).toString());
                element(x, "lastmod", location.updatedAt().toString());
                x.writeEndElement();
            }
            x.writeEndElement();
        });
    }

    private String blogUrl() {
        return properties.publicUrl().toString().replaceAll("/+$", "") + "/blog";
    }

    private String selfUrl(String path) {
        return properties.publicUrl().toString().replaceAll("/+$", "") + "/api/v1/blog/" + path;
    }

    private static Instant newest(List<Entry> entries) {
        return entries.stream().map(Entry::updatedAt).max(Instant::compareTo).orElse(Instant.EPOCH);
    }

    private static String rfc1123(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(text == null ? "" : text);
        x.writeEndElement();
    }

    private static void link(XMLStreamWriter x, String rel, String href, String type) throws XMLStreamException {
        x.writeEmptyElement("link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("href", href);
        x.writeAttribute("type", type);
    }

    private interface Body {
        void write(XMLStreamWriter x) throws XMLStreamException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XML.createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            body.write(x);
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write XML", e);
        }
        return out.toString();
    }
}
