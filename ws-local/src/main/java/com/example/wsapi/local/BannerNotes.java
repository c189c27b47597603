package com.example.wsapi.local;

import com.example.wsapi.local.template.SamTemplate;

/**
 * The banner's notes: what ws-local runs although it would not work the same on AWS ({@link SamTemplate#notes()}).
 * No note is needed any more for a function that builds its {@code @connections} endpoint from the event's
 * {@code domainName}: every HTTP client of the SDK reaches ws-local through the proxy function JVMs are given
 * ({@link ApiHostRouting}), which itself warns of a function that keeps a proxy of its own; the start warns of a
 * Netty client too old to read the proxy's properties ({@code lambda/NettyClientProxyCheck}).
 */
final class BannerNotes {

    /** The banner's width: notes are wrapped to it. */
    private static final int WIDTH = 118;

    private BannerNotes() {}

    /** @return the notes' lines, each note after an empty line, or an empty string when there is none */
    static String of(SamTemplate template) {
        StringBuilder notes = new StringBuilder();
        for (String note : template.notes()) {
            notes.append(String.format("%n")).append(wrap("Note: " + note));
        }
        return notes.toString();
    }

    /** Words of {@code text} in lines of at most {@link #WIDTH} characters, the later ones indented. */
    static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (!empty && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append(String.format("%n"));
                line.setLength(0);
                line.append("      ");
                empty = true;
            }
            line.append(empty ? "" : " ").append(word);
            empty = false;
        }
        return out.append(line).append(String.format("%n")).toString();
    }
}
