package io.xaostech.lingua.memory;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.lingua.language.LanguagePair;
import io.xaostech.lingua.language.Languages;
import io.xaostech.platform.web.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Translation memory files: TMX 1.4 (the exchange format of CAT tools) and CSV ({@code source_lang, target_lang,
 * source_text, target_text}, RFC 4180). Reading is strict and says where a file is wrong; XML is read without DTDs
 * or external entities.
 */
final class MemoryFiles {

    /** Most entries one import may bring. */
    static final int MAX_IMPORT = 50_000;
    private static final String XML_NS = XMLConstants.XML_NS_URI;

    private MemoryFiles() {
    }

    // ---- TMX ----

    static List<TranslationMemory.Imported> readTmx(InputStream in) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<TranslationMemory.Imported> entries = new ArrayList<>();
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            String srcLang = null;
            int unit = 0;
            Map<String, String> variants = null;
            String lang = null;
            StringBuilder seg = null;
            int inline = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "header" -> srcLang = xml.getAttributeValue(null, "srclang");
                        case "tu" -> {
                            unit++;
                            variants = new LinkedHashMap<>();
                        }
                        case "tuv" -> {
                            lang = Optional.ofNullable(xml.getAttributeValue(XML_NS, "lang"))
                                    .orElse(xml.getAttributeValue(null, "lang"));
                            if (lang == null) {
                                throw invalid("TMX unit " + unit + " has a <tuv> without xml:lang");
                            }
                        }
                        case "seg" -> seg = new StringBuilder();
                        default -> inline += seg != null ? 1 : 0;
                    }
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    if (seg != null && inline == 0) {
                        seg.append(xml.getText());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "seg" -> {
                            if (variants == null || lang == null) {
                                throw invalid("TMX <seg> outside a <tu>/<tuv> near unit " + unit);
                            }
                            variants.put(code(lang, "TMX unit " + unit), seg.toString());
                            seg = null;
                        }
                        case "tu" -> {
                            addUnit(entries, variants, srcLang, unit);
                            variants = null;
                        }
                        default -> inline -= seg != null && inline > 0 ? 1 : 0;
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw invalid("The TMX file is not well-formed XML: " + e.getMessage());
        }
        return entries;
    }

    private static void addUnit(List<TranslationMemory.Imported> entries, Map<String, String> variants,
                                String srcLang, int unit) {
        String source = srcLang == null || "*all*".equalsIgnoreCase(srcLang)
                ? variants.keySet().stream().findFirst().orElse(null)
                : code(srcLang, "the TMX header's srclang");
        String sourceText = source == null ? null : variants.get(source);
        if (sourceText == null) {
            throw invalid("TMX unit " + unit + " has no variant in its source language " + srcLang);
        }
        variants.forEach((target, text) -> {
            if (!target.equals(source)) {
                add(entries, new TranslationMemory.Imported(new LanguagePair(source, target), sourceText, text),
                        "TMX unit " + unit);
            }
        });
    }

    static void writeTmx(Writer out, String srcLang, Iterable<MemoryEntry> entries) throws IOException {
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n"
                + "  <header creationtool=\"xaostech-lingua\" creationtoolversion=\"1\" datatype=\"plaintext\" "
                + "segtype=\"block\" adminlang=\"en\" srclang=\"" + (srcLang == null ? "*all*" : srcLang)
                + "\" o-tmf=\"xaostech\"/>\n  <body>\n");
        for (MemoryEntry entry : entries) {
            out.write("    <tu tuid=\"" + entry.id() + "\"><tuv xml:lang=\"" + entry.source() + "\"><seg>"
                    + xml(entry.sourceText()) + "</seg></tuv><tuv xml:lang=\"" + entry.target() + "\"><seg>"
                    + xml(entry.targetText()) + "</seg></tuv></tu>\n");
        }
        out.write("  </body>\n</tmx>\n");
    }

    private static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' && c != '\r' ? ' ' : c);
            }
        }
        return out.toString();
    }

    // ---- CSV ----

    static final String CSV_HEADER = "source_lang,target_lang,source_text,target_text";

    static List<TranslationMemory.Imported> readCsv(String text) {
        List<List<String>> rows = parseCsv(new StringReader(text));
        if (rows.isEmpty() || !String.join(",", rows.get(0)).strip().equalsIgnoreCase(CSV_HEADER)) {
            throw invalid("The CSV file must start with the header line " + CSV_HEADER);
        }
        List<TranslationMemory.Imported> entries = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            String where = "CSV line " + (i + 1);
            if (row.size() != 4) {
                throw invalid(where + " has " + row.size() + " fields; it needs 4 (" + CSV_HEADER + ")");
            }
            add(entries, new TranslationMemory.Imported(new LanguagePair(code(row.get(0), where),
                    code(row.get(1), where)), row.get(2), row.get(3)), where);
        }
        return entries;
    }

    static void writeCsv(Writer out, Iterable<MemoryEntry> entries) throws IOException {
        out.write(CSV_HEADER + "\r\n");
        for (MemoryEntry entry : entries) {
            out.write(String.join(",", csv(entry.source()), csv(entry.target()), csv(entry.sourceText()),
                    csv(entry.targetText())) + "\r\n");
        }
    }

    /** Quoted always; a leading =, +, -, @ is defused so a spreadsheet never runs it as a formula. */
    private static String csv(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private static List<List<String>> parseCsv(Reader in) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        try {
            int c;
            while ((c = in.read()) != -1) {
                if (quoted) {
                    if (c == '"') {
                        in.mark(1);
                        int next = in.read();
                        if (next == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            if (next != -1) {
                                in.reset();
                            }
                        }
                    } else {
                        line += c == '\n' ? 1 : 0;
                        field.append((char) c);
                    }
                } else if (c == '"') {
                    if (!field.isEmpty() || wasQuoted) {
                        throw invalid("CSV line " + line + ": a quote inside an unquoted field");
                    }
                    quoted = true;
                    wasQuoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r') {
                        in.mark(1);
                        if (in.read() != '\n') {
                            in.reset();
                        }
                    }
                    row.add(field.toString());
                    rows.add(row);
                    row = new ArrayList<>();
                    field.setLength(0);
                    wasQuoted = false;
                    line++;
                } else {
                    if (wasQuoted) {
                        throw invalid("CSV line " + line + ": text after a closing quote");
                    }
                    field.append((char) c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (quoted) {
            throw invalid("The CSV file ends inside a quoted field (opened on or before line " + line + ")");
        }
        if (!field.isEmpty() || !row.isEmpty() || wasQuoted) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    // ---- shared ----

    private static void add(List<TranslationMemory.Imported> entries, TranslationMemory.Imported entry, String where) {
        if (entry.sourceText().isEmpty() || entry.targetText().isEmpty()) {
            throw invalid(where + " has an empty text");
        }
        if (entry.sourceText().length() > MemoryEntry.MAX_SOURCE || entry.targetText().length() > MemoryEntry.MAX_TARGET) {
            throw invalid(where + " has a text longer than " + MemoryEntry.MAX_SOURCE + " (source) or "
                    + MemoryEntry.MAX_TARGET + " (target) characters");
        }
        if (entry.pair().source().equals(entry.pair().target())) {
            throw invalid(where + " translates " + entry.pair().source() + " into itself");
        }
        if (entries.size() >= MAX_IMPORT) {
            throw invalid("An import holds at most " + MAX_IMPORT + " entries; split the file");
        }
        entries.add(entry);
    }

    private static String code(String lang, String where) {
        // TMX languages may carry a region (en-US): the memory is kept per language.
        String base = lang.strip().split("[-_]", -1)[0];
        return Languages.normalize(base).orElseThrow(() -> invalid(where + " names an unknown language '" + lang + "'"));
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail + ".");
    }
}
