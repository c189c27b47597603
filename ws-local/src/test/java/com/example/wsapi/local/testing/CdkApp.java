package com.example.wsapi.local.testing;

import com.example.wsapi.local.lambda.testfunctions.CallbackUrlReplyHandler;
import com.example.wsapi.local.lambda.testfunctions.ConnectionsTableHandler;
import com.example.wsapi.local.lambda.testfunctions.DomainNameReplyHandler;
import com.example.wsapi.local.lambda.testfunctions.PrefixEchoHandler;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The CDK app of {@code src/test/resources/templates/cdk} (its source in the README there): a WebSocket API of three
 * Java functions and a connections table, as {@code cdk synth} leaves its cloud assembly, {@code cdk.out}: the
 * synthesized template, {@code manifest.json}, the stack's asset manifest and the two assets of its Java functions, a
 * folder ({@link #FOLDER_ASSET}: {@code ConnectionsHandler}, {@code ReplyHandler}) and a jar ({@link #JAR_ASSET}:
 * {@code EchoHandler}). The third asset, of the CDK's own Node.js log-retention function, is not staged: ws-local
 * never reads it.
 */
public final class CdkApp {

    private static final Path SOURCE = Path.of("src/test/resources/templates/cdk");
    public static final String TEMPLATE = "ChatStack.template.json";
    public static final String ASSET_MANIFEST = "ChatStack.assets.json";
    public static final String FOLDER_ASSET = "asset.0cba5d00b5a63b94b3cf247b8686dcb8f6132275a75d0ec5a9fa2bf14baf6ce3";
    public static final String JAR_ASSET = "asset.d5fdec325c8e30319c4d9ff0feadac56fb687e7c7389f60259ad6b69985853e9.jar";

    private CdkApp() {}

    /**
     * Writes {@code cdkOut} with empty assets (a folder, a file): enough to read the template, not to run it.
     *
     * @return the template
     */
    public static Path synthesized(Path cdkOut) {
        try {
            Path template = copyTemplate(cdkOut);
            Files.createDirectories(cdkOut.resolve(FOLDER_ASSET));
            Files.write(cdkOut.resolve(JAR_ASSET), new byte[0]);
            return template;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code cdkOut} with the assets holding the functions' code: in the folder, the classes of
     * {@link ConnectionsTableHandler} and {@link CallbackUrlReplyHandler} by package and the AWS SDK's jars of this
     * test's class path in {@code lib/} (linked: keep {@code cdkOut} in the build folder, as JUnit warns of links
     * leading out of a temporary one); in the jar, {@link PrefixEchoHandler}'s class. What was there is replaced.
     *
     * @return the template
     */
    public static Path synthesizedWithCode(Path cdkOut) {
        try {
            deleteLinksAndFiles(cdkOut);
            Path template = copyTemplate(cdkOut);
            Path folder = Files.createDirectories(cdkOut.resolve(FOLDER_ASSET));
            for (Class<?> handler : List.of(ConnectionsTableHandler.class, CallbackUrlReplyHandler.class,
                    DomainNameReplyHandler.class)) {
                Path target = folder.resolve(classFile(handler));
                Files.createDirectories(target.getParent());
                Files.copy(testClasses().resolve(classFile(handler)), target);
            }
            Path lib = Files.createDirectories(folder.resolve("lib"));
            for (Path jar : sdkJars()) {
                Files.createSymbolicLink(lib.resolve(jar.getFileName()), jar);
            }
            try (OutputStream out = Files.newOutputStream(cdkOut.resolve(JAR_ASSET));
                 ZipOutputStream zip = new ZipOutputStream(out)) {
                String entry = classFile(PrefixEchoHandler.class);
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(Files.readAllBytes(testClasses().resolve(entry)));
                zip.closeEntry();
            }
            return template;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copyTemplate(Path cdkOut) throws IOException {
        Files.createDirectories(cdkOut);
        Files.copy(SOURCE.resolve("manifest.json"), cdkOut.resolve("manifest.json"));
        Files.copy(SOURCE.resolve(ASSET_MANIFEST), cdkOut.resolve(ASSET_MANIFEST));
        return Files.copy(SOURCE.resolve(TEMPLATE), cdkOut.resolve(TEMPLATE));
    }

    private static String classFile(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }

    private static Path testClasses() {
        try {
            return Path.of(PrefixEchoHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The AWS SDK's jars on this test's class path and what they need, with the url-connection client only. */
    private static List<Path> sdkJars() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar"))
                .filter(entry -> entry.contains("/software/amazon/awssdk/") || entry.contains("/org/reactivestreams/")
                        || entry.contains("/org/slf4j/slf4j-api/"))
                .filter(entry -> !entry.contains("/apache-client/") && !entry.contains("/netty-nio-client/"))
                .map(Path::of)
                .toList();
    }

    /** An earlier run's folder: its links themselves (never what they lead to) and its files. */
    private static void deleteLinksAndFiles(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
