"""Prints a loopback port free now, below every default ephemeral range (the OS's choice for outgoing connections
and port 0): the CI's servers bind theirs seconds later, after the functions have opened dozens of connections.
Arguments: ports already picked for servers that have not bound them yet; the port printed is none of them."""
import random
import socket
import sys

chosen = set(map(int, sys.argv[1:]))
for _ in range(200):
    port = random.randint(20000, 32767)
    if port in chosen:
        continue
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
    print(port)
    sys.exit(0)
sys.exit("no free port in 20000-32767")
