package com.example.wsapi.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** A free port, chosen before the gateway starts because the functions' environment must name it. */
final class FreePort {

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

    static int find(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }
}
