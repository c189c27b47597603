package com.example.wsapi.bench;

import com.example.wsapi.local.FreePort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;

/** Loopback ports for the servers a benchmark starts. */
final class FreePorts {

    private FreePorts() {}

    /**
     * A port free on 127.0.0.1 right now, below the ephemeral range as ws-local picks its own: ws-local binds it only
     * after its function JVMs opened their connections, one of which could otherwise hold it by then.
     */
    static int find() {
        return FreePort.find("127.0.0.1");
    }

    /** As {@link #find()}, never one of {@code chosen} (picked for servers that have not bound them yet). */
    static int find(Set<Integer> chosen) {
        return FreePort.find("127.0.0.1", chosen);
    }

    /** Whether nothing listens on {@code port} on 127.0.0.1. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
