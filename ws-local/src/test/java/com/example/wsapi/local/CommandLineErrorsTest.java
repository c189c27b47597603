package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A mistyped command line: one line saying what is wrong and where the options are, never the whole usage text. */
class CommandLineErrorsTest {

    /** Runs ws-local's command line; every case fails while parsing, before anything starts. */
    private static String error(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));

        assertEquals(2, commandLine.execute(args), err.toString());
        assertFalse(err.toString().contains("Usage:"), "the problem, not the usage text: " + err);
        assertTrue(err.toString().contains("ws-local --help lists every option."), err.toString());
        return err.toString();
    }

    @Test
    void aNumberOptionGivenWords_saysItIsNotAWholeNumber() {
        String err = error("--max-lifetime", "abc");

        assertTrue(err.startsWith("ws-local: Invalid value for option '--max-lifetime': 'abc' is not a whole number"),
                err);
        assertTrue(error("--port", "1.5").contains("'1.5' is not a whole number"));
    }

    @Test
    void aNumberTooLargeForItsOption_saysSo() {
        String err = error("--port", "99999999999");

        assertTrue(err.contains("Invalid value for option '--port': '99999999999' is too large"), err);
    }

    @Test
    void anUnknownOption_isNamed() {
        String err = error("--max-lifetim");

        assertTrue(err.startsWith("ws-local: Unknown option: '--max-lifetim'"), err);
    }
}
