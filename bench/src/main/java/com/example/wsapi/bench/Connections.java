package com.example.wsapi.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Opening many connections with a bounded number of handshakes in flight. */
final class Connections {

    private Connections() {}

    /** Opens {@code count} connections, {@code inFlight} handshakes at a time; a refused one is retried (429s). */
    static List<WsClients.Client> open(WsClients clients, URI uri, int count, int inFlight) throws Exception {
        Semaphore permits = new Semaphore(inFlight);
        List<CompletableFuture<WsClients.Client>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            permits.acquire();
            futures.add(openWithRetries(clients, uri, 20).whenComplete((client, failure) -> permits.release()));
        }
        List<WsClients.Client> open = new ArrayList<>();
        for (CompletableFuture<WsClients.Client> future : futures) {
            open.add(future.get(120, TimeUnit.SECONDS));
        }
        return open;
    }

    static CompletableFuture<WsClients.Client> openWithRetries(WsClients clients, URI uri, int attempts) {
        return clients.connect(uri, text -> {}).handle((client, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(client);
            }
            if (attempts <= 1) {
                return CompletableFuture.<WsClients.Client>failedFuture(failure);
            }
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(100,
                    TimeUnit.MILLISECONDS)).thenCompose(ignored -> openWithRetries(clients, uri, attempts - 1));
        }).thenCompose(f -> f);
    }
}
