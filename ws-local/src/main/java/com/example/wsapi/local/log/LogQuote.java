package com.example.wsapi.local.log;

import com.google.gson.JsonPrimitive;

/**
 * What a program answered or sent, quoted for a log line: as a JSON string (control characters escaped, so it stays
 * on its line) and cut after {@link #QUOTED_CHARACTERS}, saying how long it was.
 */
public final class LogQuote {

    /** How many characters a log line quotes at most. */
    public static final int QUOTED_CHARACTERS = 100;

    private LogQuote() {}

    /** The start of {@code text} as a JSON string, with its length when cut; {@code nothing} for null. */
    public static String of(String text) {
        if (text == null) {
            return "nothing";
        }
        if (text.length() <= QUOTED_CHARACTERS) {
            return new JsonPrimitive(text).toString();
        }
        return new JsonPrimitive(text.substring(0, QUOTED_CHARACTERS)).toString() + "... (the first "
                + QUOTED_CHARACTERS + " of " + text.length() + " characters)";
    }
}
