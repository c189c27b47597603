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
 * Resolves backend host names with the JDK's resolver (the operating system's: hosts file, DNS, mDNS, whatever the
 * machine uses, and the JDK's cache) on threads of its own, never on an event loop; IP literals need no lookup.
 * Netty's own DNS resolver would speak DNS only.
 */
final class OffLoopNameResolver extends AddressResolverGroup<InetSocketAddress> {

    private final Executor lookups;

    /** @param lookups runs the blocking lookups */
    OffLoopNameResolver(Executor lookups) {
        this.lookups = lookups;
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
                lookup(promise, () -> InetAddress.getByName(host));
            }

            @Override
            protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
                    promise.trySuccess(List.of(literal(host)));
                    return;
                }
                lookup(promise, () -> Arrays.asList(InetAddress.getAllByName(host)));
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
