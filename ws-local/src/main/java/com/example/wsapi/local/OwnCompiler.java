package com.example.wsapi.local;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * ws-local's own JVM compiles with C1 alone, as the function JVMs do. Started with {@code java -jar}, it cannot be
 * given {@code -XX:TieredStopAtLevel=1}; a compiler directive (JEP 165, {@code Compiler.directives_add}) keeps C2 off
 * instead. Measured on 2 cores: C2 took 40% of ws-local's CPU in runs of thousands of messages and most of its start,
 * time the functions' JVMs need; C1's code is ready at once and fast enough for a local gateway.
 * {@code -Dws-local.c2=true} leaves the JVM's compilers as they are.
 */
final class OwnCompiler {

    static final String KEEP_C2 = "ws-local.c2";
    private static final String DIRECTIVES = "[{match: \"*.*\", c2: {Exclude: true}}]";

    private OwnCompiler() {}

    /**
     * Adds the directive on a daemon thread (the management server takes a moment to start) and returns it; null when
     * {@code -Dws-local.c2=true} says to leave the compilers alone.
     */
    static Thread c1Only() {
        if (Boolean.getBoolean(KEEP_C2)) {
            return null;
        }
        Thread thread = new Thread(OwnCompiler::addDirective, "ws-local-compiler-directive");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Whether the directive was added; false on a JVM without HotSpot's diagnostic commands (it runs as it is). */
    static boolean addDirective() {
        Path file = null;
        try {
            file = Files.createTempFile("ws-local-compiler", ".json");
            Files.writeString(file, DIRECTIVES);
            Object result = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                    new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
            return String.valueOf(result).contains("1 compiler directives added");
        } catch (Exception | LinkageError e) {
            return false;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (java.io.IOException e) {
                    // A temporary file left behind: harmless.
                }
            }
        }
    }
}
