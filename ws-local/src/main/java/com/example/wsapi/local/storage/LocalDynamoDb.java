package com.example.wsapi.local.storage;

import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteLibraryLoader;
import com.example.wsapi.local.template.Table;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * DynamoDB Local running in this JVM as an HTTP server on one address, with a single database ({@code -sharedDb})
 * whatever credentials and region a client signs with, kept in memory or in a folder.
 */
public final class LocalDynamoDb implements TableStore {

    /** The dummy credentials and region of {@link #client()}; with a shared database any others work as well. */
    public static final Region CLIENT_REGION = Region.US_EAST_1;
    private static final AwsBasicCredentials CLIENT_CREDENTIALS = AwsBasicCredentials.create("local", "local");

    // sqlite4java logs every queue start and stop at INFO through java.util.logging; held here so the level sticks.
    private static final Logger SQLITE4JAVA_LOG = Logger.getLogger("com.almworks.sqlite4java");
    private static final String JETTY_SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.log.org.eclipse.jetty";

    private static final Duration THREAD_STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(LocalDynamoDb.class);

    private final DynamoDBProxyServer server;
    private final LocalDynamoDBRequestHandler requests;
    private final ThreadGroup threads;
    private final URI endpoint;
    private final Path dbPath;
    private final AtomicBoolean closed = new AtomicBoolean();
    private DynamoDbClient client; // built on first use: ws-local's own requests go to the handler in-process

    private LocalDynamoDb(Started started, ThreadGroup threads, URI endpoint, Path dbPath) {
        this.server = started.server();
        this.requests = started.requests();
        this.threads = threads;
        this.endpoint = endpoint;
        this.dbPath = dbPath;
    }

    /**
     * Starts DynamoDB Local.
     *
     * @param host   the address to listen on, e.g. {@code 127.0.0.1}
     * @param port   the port to listen on; 0 picks a free one
     * @param dbPath the folder that keeps the database across runs (created when missing); null keeps it in memory
     * @throws StorageException when the port is taken, the folder is unusable, or SQLite cannot be loaded
     */
    public static LocalDynamoDb start(String host, int port, Path dbPath) throws StorageException {
        if (host == null || host.isBlank()) {
            throw new StorageException("DynamoDB Local needs an address to listen on, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new StorageException("DynamoDB Local port " + port + " is out of range: use 1-65535, or 0 for a free port");
        }
        quietLogs();
        loadSqlite();
        Path folder = dbPath == null ? null : prepareFolder(dbPath);

        // Every thread DynamoDB Local starts (Jetty's, its job executors') descends from the one that builds it, so
        // they all land in this group; close() uses that to end the job thread its own shutdown leaves sleeping.
        ThreadGroup threads = new ThreadGroup("dynamodb-local-" + INSTANCES.incrementAndGet());
        FutureTask<Started> starting = new FutureTask<>(() -> startServer(host, port, folder));
        Thread starter = new Thread(threads, starting, threads.getName() + "-start");
        starter.start();
        Started started;
        try {
            started = starting.get();
        } catch (ExecutionException e) {
            endLeftoverThreads(threads);
            throw e.getCause() instanceof StorageException storage ? storage
                    : new StorageException("DynamoDB Local failed to start: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            stopWhenStarted(starting, threads);
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while DynamoDB Local was starting", e);
        }
        return new LocalDynamoDb(started, threads, endpoint(host, started.port()), folder);
    }

    private record Started(DynamoDBProxyServer server, LocalDynamoDBRequestHandler requests, int port) {}

    /** The caller gave up waiting: let the start finish, then undo it. */
    private static void stopWhenStarted(FutureTask<Started> starting, ThreadGroup threads) {
        try {
            starting.get().server().stop();
        } catch (Exception e) {
            LOG.warn("DynamoDB Local, abandoned while starting, did not stop cleanly", e);
        } finally {
            endLeftoverThreads(threads);
        }
    }

    private static Started startServer(String host, int port, Path folder) {
        // What ServerRunner.createServer builds, minus its telemetry, so that the connector can bind to `host`
        // (ServerRunner binds every interface) and to port 0 (its command line rejects 0).
        LocalDynamoDBRequestHandler requests;
        LocalDynamoDBServerHandler handler;
        try {
            // Shared database; no delayed transient statuses: a created table is ACTIVE when CreateTable returns.
            requests = new LocalDynamoDBRequestHandler(0, folder == null, folder == null ? null : folder.toString(),
                    true, false);
            handler = new LocalDynamoDBServerHandler(requests, null);
        } catch (Exception e) {
            throw new StorageException("DynamoDB Local could not open its database"
                    + (folder == null ? " in memory" : " in " + folder) + ": " + e.getMessage(), e);
        }
        DynamoDBProxyServer server = new DynamoDBProxyServer(port, handler);
        ServerConnector connector = onlyConnector(handler.getServer());
        connector.setHost(host);
        try {
            server.safeStart(); // start() would swallow a bind failure and only print it
        } catch (Exception e) {
            StorageException failure = isBindFailure(e)
                    ? new StorageException("DynamoDB Local cannot listen on " + host + ":" + port
                    + ": the port is already in use (or the address is not local); choose another port, or 0 for a free one", e)
                    : new StorageException("DynamoDB Local failed to start on " + host + ":" + port + ": " + e, e);
            try {
                server.stop(); // releases the database and Jetty's threads
            } catch (Exception stopError) {
                failure.addSuppressed(stopError);
            }
            throw failure;
        }
        return new Started(server, requests, connector.getLocalPort());
    }

    /** Where clients reach it, e.g. {@code http://127.0.0.1:8000}: the value for AWS_ENDPOINT_URL_DYNAMODB. */
    @Override
    public URI endpoint() {
        return endpoint;
    }

    /**
     * An SDK client of this DynamoDB Local, as functions reach it (over HTTP; dummy credentials, region us-east-1),
     * built on first use (tests read the tables with it); closed by {@link #close()}.
     *
     * @throws IllegalStateException once closed
     */
    @Override
    public synchronized DynamoDbClient client() {
        if (closed.get()) {
            throw new IllegalStateException("DynamoDB Local at " + endpoint + " is stopped");
        }
        if (client == null) {
            client = DynamoDbClient.builder()
                    .endpointOverride(endpoint)
                    .region(CLIENT_REGION)
                    .credentialsProvider(StaticCredentialsProvider.create(CLIENT_CREDENTIALS))
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
        }
        return client;
    }

    /** The threads this instance started (visible for tests). */
    ThreadGroup threads() {
        return threads;
    }

    /** The database folder, or null when the database lives in memory. */
    public Path dbPath() {
        return dbPath;
    }

    /** {@inheritDoc} In memory, or persisted in its folder. */
    @Override
    public String description() {
        return dbPath == null ? "in memory" : "persisted in " + dbPath;
    }

    /**
     * Creates the tables that do not exist yet (ACTIVE at once) and turns on their TTL, in-process. Tables already in a
     * persisted database are kept as they are, provided their primary key matches the template. Then describes every
     * table over HTTP, as functions will reach it ({@link HttpWarmUp}).
     *
     * @return the names of the tables created, in the given order
     * @throws StorageException when a table is ill-defined, DynamoDB Local refuses it, a kept table's key differs, or
     *                          DynamoDB Local does not answer over HTTP
     */
    @Override
    public List<String> createTables(List<Table> tables) throws StorageException {
        List<String> created = new TableSetup(new InProcessTables(requests), "DynamoDB Local at " + endpoint
                + (dbPath == null ? "" : " (persisted in " + dbPath + ")"),
                "delete that table (or the database folder) so that it is created again").createTables(tables);
        HttpWarmUp.describeEach(endpoint, tables.stream().map(Table::tableName).toList());
        return created;
    }

    /** Stops the server and closes {@link #client()}; calling it again does nothing. */
    @Override
    public void close() throws StorageException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            synchronized (this) {
                if (client != null) {
                    client.close();
                }
            }
        } finally {
            try {
                server.stop(); // stops Jetty, then closes the database
            } catch (Exception e) {
                throw new StorageException("DynamoDB Local at " + endpoint + " did not stop cleanly: " + e, e);
            } finally {
                endLeftoverThreads(threads);
            }
        }
    }

    /**
     * Waits for the threads of a stopped instance to end. DynamoDB Local's stream shard scheduler (a non-daemon pool
     * thread) only notices its cancellation after a sleep of minutes, which would keep the JVM from exiting: its sleep
     * is interrupted, as is any thread still alive after the grace period.
     */
    private static void endLeftoverThreads(ThreadGroup group) {
        List<Thread> leftovers = liveThreads(group);
        leftovers.stream().filter(LocalDynamoDb::isSleepingJob).forEach(Thread::interrupt);
        joinAll(leftovers);
        List<Thread> stuck = leftovers.stream().filter(Thread::isAlive).toList();
        stuck.forEach(Thread::interrupt);
        joinAll(stuck);
        stuck.stream().filter(Thread::isAlive).forEach(thread ->
                LOG.warn("DynamoDB Local thread {} is still running after stop", thread.getName()));
    }

    private static List<Thread> liveThreads(ThreadGroup group) {
        Thread[] threads = new Thread[group.activeCount() + 16];
        int count = group.enumerate(threads, true);
        return Arrays.stream(threads, 0, count).filter(t -> t != Thread.currentThread() && t.isAlive()).toList();
    }

    private static boolean isSleepingJob(Thread thread) {
        return Arrays.stream(thread.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("sleepFor")
                && frame.getClassName().startsWith("com.amazonaws.services.dynamodbv2.local.shared.jobs."));
    }

    private static void joinAll(List<Thread> threads) {
        long deadline = System.nanoTime() + THREAD_STOP_TIMEOUT.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void quietLogs() {
        // Jetty logs through SLF4J (slf4j-simple here) at INFO; DynamoDB Local's own log4j2.xml already says WARN.
        System.getProperties().putIfAbsent(JETTY_SIMPLE_LOGGER_LEVEL, "warn");
        if (SQLITE4JAVA_LOG.getLevel() == null) {
            SQLITE4JAVA_LOG.setLevel(Level.WARNING);
        }
        if (SQLITE4JAVA_LOG.getFilter() == null) {
            // In a shaded jar sqlite4java cannot read its version from its own manifest; the warning is noise.
            SQLITE4JAVA_LOG.setFilter(entry -> entry.getMessage() == null || !entry.getMessage().contains("unknown jar version"));
        }
    }

    private static void loadSqlite() {
        // DynamoDB Local ships SQLite for Linux, macOS and Windows (x86, x86_64, aarch64) and extracts the right one
        // to java.io.tmpdir (or org.sqlite.tmpdir); load it now so that a missing one fails here, not on first use.
        try {
            SQLiteLibraryLoader.initialize();
        } catch (Exception | LinkageError e) {
            throw new StorageException("DynamoDB Local cannot load its SQLite native library on os.name="
                    + System.getProperty("os.name") + ", os.arch=" + System.getProperty("os.arch") + ": " + e.getMessage()
                    + ". Set -Dorg.sqlite.lib.path=<folder> and -Dorg.sqlite.lib.name=<file> to a sqlite4java 1.0.392"
                    + " library for this platform, or -Dorg.sqlite.tmpdir=<folder> if java.io.tmpdir forbids executables", e);
        }
    }

    private static Path prepareFolder(Path dbPath) {
        Path folder = dbPath.toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new StorageException("Cannot create the DynamoDB Local database folder " + folder + " (" + e
                    + "); choose a writable folder, or none to keep the data in memory", e);
        }
        if (!Files.isWritable(folder)) {
            throw new StorageException("The DynamoDB Local database folder " + folder
                    + " is not writable; choose a writable folder, or none to keep the data in memory");
        }
        return folder;
    }

    private static ServerConnector onlyConnector(Server jetty) {
        Connector[] connectors = jetty == null ? new Connector[0] : jetty.getConnectors();
        if (connectors.length != 1 || !(connectors[0] instanceof ServerConnector connector)) {
            throw new StorageException("This DynamoDB Local version builds its Jetty server differently than expected ("
                    + (jetty == null ? "no server" : List.of(connectors)) + "); use com.amazonaws:DynamoDBLocal 2.6.x");
        }
        return connector;
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The URL clients reach DynamoDB Local at when it listens on {@code host:port}: a listener on every interface is
     * reached through loopback; IPv6 literals need brackets in a URI.
     */
    public static URI endpoint(String host, int port) {
        return URI.create("http://" + connectHost(host) + ":" + port);
    }

    private static String connectHost(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (bare.equals("::") || bare.equals("0:0:0:0:0:0:0:0")) {
            return "[::1]";
        }
        return bare.contains(":") ? "[" + bare + "]" : bare;
    }
}
