package com.example.wsapi.local;

/** Run in a JVM of its own by {@link OwnCompilerTest}: does what ws-local's main does first, then runs hot code. */
public final class OwnCompilerProbe {

    private OwnCompilerProbe() {}

    public static void main(String[] args) throws InterruptedException {
        Thread adding = OwnCompiler.c1Only();
        if (adding != null) {
            adding.join();
        }
        System.out.println("directive added: " + (adding != null));
        long sum = 0;
        for (int i = 0; i < 20_000_000; i++) {
            sum += work(i);
        }
        System.out.println("done " + sum);
    }

    /** Hot only after the directive: C2 would compile it within a second. */
    static int work(int i) {
        return Integer.toString(i).hashCode() ^ i;
    }
}
