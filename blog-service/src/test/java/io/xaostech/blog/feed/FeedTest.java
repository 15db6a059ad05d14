package io.xaostech.blog.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.blog.BlogApiTestBase;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The feeds and the sitemap are well-formed XML of their standard structure and escape what posts contain. */
class FeedTest extends BlogApiTestBase {

    private static final String TRICKY_TITLE = "Fish & Chips <script>alert(1)</script> \"quoted\"";

    @Test
    void rssHasAChannelWithOneItemPerNewPost() throws Exception {
        String word = uniqueWord();
        String id = publish(TRICKY_TITLE + " " + word, "Body with <b>bold</b> " + word, "\"tags\":[\"fish\"]");
        HttpResponse<String> rss = get("/api/v1/blog/feeds/rss", null);
        assertThat(rss.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/rss+xml"));

        Document doc = parse(rss.body());
        XPath x = xpath();
        assertThat(x.evaluate("/rss/@version", doc)).isEqualTo("2.0");
        assertThat(x.evaluate("/rss/channel/title", doc)).isNotBlank();
        assertThat(x.evaluate("/rss/channel/link", doc)).isEqualTo("http://localhost:8080/blog");
        String item = "/rss/channel/item[guid='urn:uuid:" + id + "']";
        assertThat(x.evaluate(item + "/title", doc)).isEqualTo(TRICKY_TITLE + " " + word);
        assertThat(x.evaluate(item + "/link", doc)).startsWith("http://localhost:8080/blog/fish-chips-script");
        assertThat(x.evaluate(item + "/category", doc)).isEqualTo("fish");
        ZonedDateTime.parse(x.evaluate(item + "/pubDate", doc), DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(x.evaluate(item + "/*[local-name()='encoded']", doc)).contains("<b>bold</b>")
                .doesNotContain("<script");
    }

    @Test
    void atomHasTheRequiredFeedAndEntryElements() throws Exception {
        String id = publish("Atom entry " + uniqueWord(), "Atom body", null);
        Document doc = parse(get("/api/v1/blog/feeds/atom", null).body());
        XPath x = xpath();
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("feed");
        for (String required : new String[] {"id", "title", "updated", "author"}) {
            assertThat((NodeList) x.evaluate("/*/*[local-name()='" + required + "']", doc, XPathConstants.NODESET))
                    .as(required).satisfies(nodes -> assertThat(nodes.getLength()).isEqualTo(1));
        }
        String entry = "/*/*[local-name()='entry'][*[local-name()='id']='urn:uuid:" + id + "']";
        assertThat(x.evaluate(entry + "/*[local-name()='title']", doc)).startsWith("Atom entry");
        assertThat(x.evaluate(entry + "/*[local-name()='content']/@type", doc)).isEqualTo("html");
        assertThat(x.evaluate(entry + "/*[local-name()='link']/@href", doc)).startsWith("http://localhost:8080/blog/atom-entry");
        Instant.parse(x.evaluate(entry + "/*[local-name()='updated']", doc));
    }

    @Test
    void theSitemapListsPublishedPostsOnly() throws Exception {
        String word = uniqueWord();
        publish("Mapped " + word, "x", "\"slug\":\"mapped-" + word + "\"");
        send("POST", "/api/v1/blog/admin/posts", admin, post("Unmapped " + word, "x", "\"slug\":\"unmapped-" + word + "\""));
        Document doc = parse(get("/api/v1/blog/sitemap.xml", null).body());
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.sitemaps.org/schemas/sitemap/0.9");
        NodeList all = (NodeList) xpath().evaluate("//*[local-name()='loc']", doc, XPathConstants.NODESET);
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < all.getLength(); i++) {
            joined.append(' ').append(all.item(i).getTextContent());
        }
        assertThat(joined.toString()).contains("http://localhost:8080/blog/mapped-" + word)
                .doesNotContain("unmapped-" + word);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static XPath xpath() {
        return XPathFactory.newInstance().newXPath();
    }
}
