package com.example.wsapi.bench;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** What a person does first once a server says it is ready: connect and send one echo, timed to the reply. */
final class FirstEcho {

    private FirstEcho() {}

    /** Connects, sends {@code {"action":"echo","data":<token>}} and waits for a reply holding the token. */
    static Duration measure(WsClients clients, URI url, Duration limit) throws Exception {
        String token = "first-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        CompletableFuture<Void> replied = new CompletableFuture<>();
        long start = System.nanoTime();
        WsClients.Client client = clients.connect(url, text -> {
            if (text.contains(token)) {
                replied.complete(null);
            }
        }).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        try {
            client.send("{\"action\":\"echo\",\"data\":\"" + token + "\"}");
            replied.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return Duration.ofNanos(System.nanoTime() - start);
        } finally {
            client.abort();
        }
    }
}
