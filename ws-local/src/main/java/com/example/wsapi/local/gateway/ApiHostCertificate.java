package com.example.wsapi.local.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The certificate {@link ApiHostProxy} presents for the hosts it answers itself (the API's AWS host, {@code <apiId>
 * .execute-api.<region>.amazonaws.com}, and DynamoDB's, {@link ProxyRoutes#certificateHosts()}), and the trust stores
 * that let function JVMs accept it. One self-signed certificate naming every such host (a subject alternative name
 * each), trusted as it is. Made once and kept in ws-local's cache folder: the key pair by the JDK's {@code keytool}
 * (no crypto of our own), the trust store a copy of the function JDK's own {@code cacerts} plus this certificate, so
 * a function's other HTTPS calls verify as before.
 *
 * @param keyStore the key pair and certificate (JKS, {@link #PASSWORD}), alias {@link #ALIAS}
 * @param folder   where the trust stores are kept
 */
public record ApiHostCertificate(Path keyStore, Path folder) {

    /** Not a secret: the certificate only ever serves loopback, and only ws-local's functions trust it. */
    public static final String PASSWORD = "ws-local";
    public static final String ALIAS = "ws-local-api-host";
    /** The password of the JDKs' own {@code cacerts}; ours keep it, so the trust stores read alike. */
    public static final String TRUST_STORE_PASSWORD = "changeit";
    public static final String TRUST_STORE_TYPE = "JKS";
    private static final String SUBFOLDER = "ws-local-api-host";
    private static final long KEYTOOL_SECONDS = 60;

    /** The certificate for {@code host} alone, as {@link #forHosts(Path, List, Path)} makes it. */
    public static ApiHostCertificate forHost(Path cacheRoot, String host, Path keytool) throws IOException {
        return forHosts(cacheRoot, List.of(host), keytool);
    }

    /**
     * The certificate for {@code hosts} (the first its subject's common name, each a subject alternative name) in
     * {@code cacheRoot}, made now by {@code keytool} when there is none yet.
     *
     * @throws IOException when keytool fails or the folder cannot be written; the message says which
     */
    public static ApiHostCertificate forHosts(Path cacheRoot, List<String> hosts, Path keytool) throws IOException {
        Path folder = cacheRoot.resolve(SUBFOLDER);
        String first = hosts.get(0);
        // Named after every host it names: another list (a new region, another API) makes another.
        Path keyStore = folder.resolve(hosts.size() == 1 ? first + ".jks"
                : first + "-" + sha256(String.join("\n", hosts)).substring(0, 16) + ".jks");
        if (!Files.isRegularFile(keyStore)) {
            Files.createDirectories(folder);
            Path staging = folder.resolve(first + "-" + UUID.randomUUID() + ".tmp");
            try {
                runKeytool(keytool, hosts, staging);
                // Atomic: two ws-local starting at once each make one, and a reader sees a whole file or none.
                Files.move(staging, keyStore, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(staging);
            }
        }
        return new ApiHostCertificate(keyStore, folder);
    }

    /** The {@code keytool} of the JVM running ws-local. */
    public static Path currentKeytool() {
        return Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "keytool.exe" : "keytool");
    }

    /**
     * A trust store for the JDK in {@code javaHome}: its {@code cacerts} and this certificate, made once per JDK and
     * certificate (its name says which), reused after.
     */
    public Path trustStoreFor(Path javaHome) throws IOException {
        Path cacerts = cacerts(javaHome);
        // Named after what it was made of: a JDK update (another cacerts) or a new certificate makes another.
        String key = cacerts.toRealPath() + "\n" + Files.size(cacerts) + "\n" + Files.getLastModifiedTime(cacerts)
                + "\n" + keyStore + "\n" + Files.size(keyStore) + "\n" + Files.getLastModifiedTime(keyStore);
        Path trustStore = folder.resolve("trust-" + sha256(key).substring(0, 16) + ".jks");
        if (Files.isRegularFile(trustStore)) {
            return trustStore;
        }
        Path staging = folder.resolve(trustStore.getFileName() + "-" + UUID.randomUUID() + ".tmp");
        try {
            KeyStore trusted = KeyStore.getInstance(TRUST_STORE_TYPE);
            trusted.load(null, null);
            KeyStore jdk = KeyStore.getInstance(cacerts.toFile(), TRUST_STORE_PASSWORD.toCharArray());
            for (String alias : Collections.list(jdk.aliases())) {
                if (jdk.isCertificateEntry(alias)) {
                    trusted.setCertificateEntry(alias, jdk.getCertificate(alias));
                }
            }
            trusted.setCertificateEntry(ALIAS, certificate());
            try (OutputStream out = Files.newOutputStream(staging)) {
                trusted.store(out, TRUST_STORE_PASSWORD.toCharArray());
            }
            Files.move(staging, trustStore, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return trustStore;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot copy " + cacerts + " into a trust store with ws-local's certificate: " + e, e);
        } finally {
            Files.deleteIfExists(staging);
        }
    }

    /** The key store, loaded (for the proxy's TLS). */
    public KeyStore load() throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("JKS");
            store.load(in, PASSWORD.toCharArray());
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read " + keyStore + " (delete it: ws-local makes another): " + e, e);
        }
    }

    private Certificate certificate() throws IOException, GeneralSecurityException {
        Certificate certificate = load().getCertificate(ALIAS);
        if (certificate == null) {
            throw new IOException(keyStore + " has no entry " + ALIAS + " (delete it: ws-local makes another)");
        }
        return certificate;
    }

    private static Path cacerts(Path javaHome) throws IOException {
        for (Path candidate : List.of(javaHome.resolve("lib/security/cacerts"),
                javaHome.resolve("jre/lib/security/cacerts"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("the Java in " + javaHome + " has no lib/security/cacerts to trust ws-local's "
                + "certificate beside");
    }

    private static void runKeytool(Path keytool, List<String> hosts, Path target) throws IOException {
        // EC P-256: made in milliseconds, and every JDK's TLS speaks it. Ten years: made once per list of hosts.
        String names = String.join(",", hosts.stream().map(host -> "dns:" + host).toList());
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=" + hosts.get(0),
                "-ext", "SAN=" + names, "-validity", "3650", "-storetype", "JKS", "-keystore", target.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(KEYTOOL_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(keytool + " did not finish within " + KEYTOOL_SECONDS + " s");
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(target)) {
                throw new IOException(keytool + " failed (exit " + process.exitValue() + "): " + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + keytool + " ran", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
