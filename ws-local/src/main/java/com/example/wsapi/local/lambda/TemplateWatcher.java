package com.example.wsapi.local.lambda;

import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.log.LogSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The template while ws-local serves: ws-local runs the template it started with (routes, integrations, functions,
 * tables are set up from it), so a change to it is said once it has settled, with what to do, and said again for each
 * later change; an edit undone is said too.
 */
final class TemplateWatcher implements Runnable {

    private final Path template;
    private final LogSink log;
    private final Settling<CodeFingerprint> settling;
    private final String started;
    private boolean differs;

    TemplateWatcher(Path template, LogSink log, Duration settle, Clock clock) {
        this.template = template;
        this.log = log;
        this.settling = new Settling<>(CodeFingerprint.of(List.of(template)), settle, clock);
        this.started = content();
    }

    @Override
    public void run() {
        settling.offer(CodeFingerprint.of(List.of(template))).ifPresent(changed -> {
            String name = template.getFileName().toString();
            if (content().equals(started)) {
                if (differs) {
                    differs = false;
                    say(LogLine.of(LogLine.Kind.ACTIVITY, name + " is again the one ws-local runs: nothing to "
                            + "restart"));
                }
                return;
            }
            differs = true;
            say(LogLine.warning(null, name + " changed: ws-local keeps running the template it started with",
                    "restart ws-local to run the change (Ctrl-C, then start it again); rebuilt function code needs "
                            + "no restart"));
        });
    }

    /** A digest of the template's text; empty when it cannot be read (deleted, say). */
    private String content() {
        try {
            return Sha256.hex(new String(Files.readAllBytes(template), StandardCharsets.ISO_8859_1)); // any bytes
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private void say(LogLine line) {
        log.line(line);
        log.flush();
    }
}
