package com.example.wsapi.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HandlerSupportTest {

    @Test
    void record_inText_endsTheLineSoTheNextOutputStartsItsOwn() {
        assertEquals("connected a\n", HandlerSupport.record("connected a", null));
        assertEquals("connected a\n", HandlerSupport.record("connected a", "Text"));
        assertEquals("connected a\n", HandlerSupport.record("connected a\n", null));
    }

    @Test
    void record_inJson_leavesTheNewlineToTheRuntime() {
        // The runtime ends each JSON record's line itself; a newline here would end up inside "message".
        assertEquals("connected a", HandlerSupport.record("connected a", "JSON"));
        assertEquals("connected a", HandlerSupport.record("connected a\n", "JSON"));
    }
}
