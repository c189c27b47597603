package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FreePortTest {

    @Test
    void find_returnsAPortOutsideTheEphemeralRange_thatCanBeBound() throws Exception {
        for (int i = 0; i < 20; i++) {
            int port = FreePort.find("127.0.0.1");

            // Outgoing connections and binds to port 0 never take such a port before ws-local binds it.
            assertTrue(port >= FreePort.FIRST && port <= FreePort.LAST, "port " + port);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
    }

    @Test
    void find_neverReturnsAPortChosenForAnotherServer() {
        // Every port of the range is taken by choice: a pick from it would be one of them.
        Set<Integer> chosen = IntStream.rangeClosed(FreePort.FIRST, FreePort.LAST).boxed().collect(Collectors.toSet());

        int port = FreePort.find("127.0.0.1", chosen);

        assertFalse(chosen.contains(port), "port " + port);
    }
}
