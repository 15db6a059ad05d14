package io.xaostech.lingua.translate;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a long text at sentence ends (the source language's rules) into chunks of about {@code size} characters;
 * joined again, the chunks are exactly the text. A single sentence longer than that stays one chunk.
 */
final class Sentences {

    private Sentences() {
    }

    static List<String> chunks(String text, String language, int size) {
        if (text.length() <= size) {
            return List.of(text);
        }
        BreakIterator sentences = BreakIterator.getSentenceInstance(new Locale(language));
        sentences.setText(text);
        List<String> chunks = new ArrayList<>();
        int chunkStart = 0;
        int start = sentences.first();
        for (int end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
            if (end - chunkStart > size && start > chunkStart) {
                chunks.add(text.substring(chunkStart, start));
                chunkStart = start;
            }
        }
        chunks.add(text.substring(chunkStart));
        return chunks;
    }
}
