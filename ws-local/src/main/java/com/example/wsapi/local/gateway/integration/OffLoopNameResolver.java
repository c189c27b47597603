package com.example.wsapi.local.gateway.integration;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Resolves host names (of HTTP backends, of the functions' proxy's targets) with the JDK's resolver (the operating
 * system's: hosts file, DNS, mDNS, whatever the machine uses, and the JDK's cache) on threads of its own, never on an
 * event loop, so a slow lookup holds up nothing else; IP literals need no lookup. Netty's own DNS resolver would speak
 * DNS only.
 */
public final class OffLoopNameResolver extends AddressResolverGroup<InetSocketAddress> {

    /** A blocking lookup of a host name's addresses: the JDK's ({@link InetAddress#getAllByName}), or a test's. */
    @FunctionalInterface
    public interface HostLookup {
        InetAddress[] allByName(String host) throws UnknownHostException;
    }

    private final Executor lookups;
    private final HostLookup hostLookup;

    /** @param lookups runs the blocking lookups, the JDK's */
    OffLoopNameResolver(Executor lookups) {
        this(lookups, InetAddress::getAllByName);
    }

    /**
     * @param lookups    runs the blocking lookups
     * @param hostLookup looks a name up, on a thread of {@code lookups}
     */
    public OffLoopNameResolver(Executor lookups, HostLookup hostLookup) {
        this.lookups = lookups;
        this.hostLookup = hostLookup;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetNameResolver(executor) {
            @Override
            protected void doResolve(String host, Promise<InetAddress> promise) {
                if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
                    promise.trySuccess(literal(host));
                    return;
                }
                lookup(promise, () -> hostLookup.allByName(host)[0]); // as InetAddress.getByName does
            }

            @Override
            protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
                    promise.trySuccess(List.of(literal(host)));
                    return;
                }
                lookup(promise, () -> Arrays.asList(hostLookup.allByName(host)));
            }
        }.asAddressResolver();
    }

    private interface Lookup<T> {
        T get() throws UnknownHostException;
    }

    private <T> void lookup(Promise<T> promise, Lookup<T> lookup) {
        try {
            lookups.execute(() -> {
                try {
                    promise.trySuccess(lookup.get());
                } catch (UnknownHostException | RuntimeException e) {
                    promise.tryFailure(e);
                }
            });
        } catch (RejectedExecutionException closed) {
            promise.tryFailure(closed);
        }
    }

    private static InetAddress literal(String host) {
        try {
            return InetAddress.getByAddress(host, NetUtil.createByteArrayFromIpAddressString(host));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(host, e);
        }
    }
}
