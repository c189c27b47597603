package com.example.wsapi.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A free port, chosen before the gateway starts because the functions' environment must name it (public for the
 * benchmarks, whose servers bind theirs as late).
 */
public final class FreePort {

    private FreePort() {}

    /**
     * Fails at once when {@code port} is taken on {@code host}, before the functions start (the gateway binds it
     * last, and would say the same after seconds of starting them).
     */
    static void requireFree(String host, int port) throws LocalApiException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (BindException e) {
            throw new LocalApiException("port " + port + " on " + host + " is in use: stop the other process or pass "
                    + "--port");
        } catch (IOException e) {
            // Not a taken port (an address this machine lacks, say): the gateway's bind explains it.
        }
    }

    /**
     * Below every system's default ephemeral range (Linux 32768-60999, macOS and Windows 49152-65535), where the OS
     * picks the local ports of outgoing connections and of binds to port 0. A port found free is bound seconds later
     * (after the functions start, which open dozens of connections); taken from the ephemeral range, one of those
     * connections could hold it by then ("DynamoDB Local cannot listen on ...: the port is already in use").
     */
    static final int FIRST = 20000;
    static final int LAST = 32767;
    private static final int ATTEMPTS = 50;

    /** A port free on {@code host} now, outside the ephemeral range (or, should 50 tries find none, inside it). */
    public static int find(String host) {
        return find(host, Set.of());
    }

    /**
     * As {@link #find(String)}, but never one of {@code chosen}: ports picked for another server that has not bound
     * its port yet (ws-local's gateway and DynamoDB Local each get one).
     */
    public static int find(String host, Set<Integer> chosen) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
            if (!chosen.contains(port) && bindable(address, port)) {
                return port;
            }
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(address, 0));
                if (!chosen.contains(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on " + host, e);
            }
        }
        throw new UncheckedIOException(new IOException("no free port on " + host + " besides " + chosen));
    }

    private static boolean bindable(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException taken) {
            return false; // another process listens there
        }
    }
}
