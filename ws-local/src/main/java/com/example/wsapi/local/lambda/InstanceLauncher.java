package com.example.wsapi.local.lambda;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What starting one instance of a function takes, apart from the pool's bookkeeping: its own Runtime API endpoint on
 * loopback, its home folder, its class-data archive (when one may be used) and the command of its JVM.
 */
final class InstanceLauncher {

    /** Above Lambda's 6 MB payload limit, so that the limit is never ours. */
    private static final int MAX_RUNTIME_REQUEST_BYTES = 16 * 1024 * 1024;

    private final FunctionSettings function;
    private final RuntimeServices services;

    InstanceLauncher(FunctionSettings function, RuntimeServices services) {
        this.function = function;
        this.services = services;
    }

    /** An instance's process, ready to start, and the archive it records or uses (null: none). */
    record Launch(ProcessBuilder command, ClassDataCache.Launch classData) {}

    /** The instance's Runtime API: a server of its own on a free loopback port, answered by the pool. */
    Channel bindRuntimeApi(FunctionInstance instance, FunctionPool pool) throws InterruptedException {
        return new ServerBootstrap()
                .group(services.eventLoops())
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        instance.connections.add(channel);
                        channel.pipeline().addLast(new HttpServerCodec(),
                                new HttpObjectAggregator(MAX_RUNTIME_REQUEST_BYTES),
                                new RuntimeApiHandler(pool, instance));
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    }

    /** The instance's JVM, talking to the Runtime API on {@code runtimeApiPort}. */
    Launch prepare(FunctionInstance instance, int runtimeApiPort) throws IOException {
        Path home = Files.createDirectories(services.scratchDir().resolve(function.name() + "-" + instance.number));
        List<String> toolOptions = Stream.of(function.environment().getOrDefault("JAVA_TOOL_OPTIONS", "")
                .split("\\s+")).filter(option -> !option.isEmpty()).toList();
        // The template's options count as much as ws-local's: the JVM silently refuses an archive recorded with
        // others (a heap past 32 GB, say) and would never record one for its own.
        List<String> jvmOptions = Stream.concat(services.options().jvmOptions().stream(), toolOptions.stream()).toList();
        ClassDataCache.Launch classData = ClassDataCache.hooksClassLoading(jvmOptions) ? null
                : services.classData().map(cache -> cache.prepare(function.name(),
                        services.options().runtimeJars(), function.classpath(), jvmOptions))
                .orElse(null);
        ProcessBuilder command = FunctionCommand.build(function, services.options(), services.java(),
                services.nativeLibrary().orElse(null), instance.logStreamName, runtimeApiPort, home, classData);
        return new Launch(command, classData);
    }

    static void kill(Process process) {
        // Children first: once the parent is gone they are re-parented and out of reach.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
