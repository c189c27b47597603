package com.example.wsapi.local.issuer;

import com.example.wsapi.local.PrivateFolder;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The signing keys of ws-local's development issuer, in {@code keys.json} of a folder of this user's alone, so that
 * the {@code token} command and a running ws-local (which publishes them at {@code /@issuer/jwks.json}) share them
 * across processes and restarts. The first key is the signing key; a rotation makes a new one and keeps the previous
 * one published, so the tokens it signed keep working until they expire.
 */
public final class IssuerKeyStore {

    static final String FILE = "keys.json";

    /** The keys as last read, with what the file looked like then (re-read when it changes). */
    private record Snapshot(Object fileKey, FileTime modified, long size, JWKSet keys) {}

    private final Path folder;
    private final Path file;
    private volatile Snapshot snapshot;

    public IssuerKeyStore(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
        this.file = this.folder.resolve(FILE);
    }

    /** {@code ${java.io.tmpdir}/ws-local-issuer-<user>}: per user, so two users of one machine never collide. */
    public static Path defaultFolder() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "ws-local-issuer-" + user);
    }

    public Path folder() {
        return folder;
    }

    /**
     * The published keys, public parts only: empty before the first token was made. A stat of the file per call; the
     * file (a few KB) is read again only after it changed (a rotation by the token command).
     */
    public JWKSet publicKeys() {
        return current().toPublicJWKSet();
    }

    /** The key tokens are signed with, made (with the folder) on first use. */
    public synchronized RSAKey signingKey() {
        JWKSet keys = current();
        if (!keys.getKeys().isEmpty()) {
            return (RSAKey) keys.getKeys().get(0);
        }
        requirePrivateFolder(true);
        RSAKey key = newKey();
        if (!createOnce(new JWKSet(key))) {
            return (RSAKey) current().getKeys().get(0); // another process made the first key at the same moment
        }
        return key;
    }

    /** Makes a new signing key; the previous one stays published until the next rotation. */
    public synchronized RSAKey rotate() {
        requirePrivateFolder(true);
        JWKSet keys = current();
        RSAKey key = newKey();
        write(keys.getKeys().isEmpty() ? new JWKSet(key) : new JWKSet(List.<JWK>of(key, keys.getKeys().get(0))));
        return key;
    }

    private JWKSet current() {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return new JWKSet();
        } catch (IOException e) {
            throw new IssuerKeysException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Snapshot known = snapshot;
        if (known != null && Objects.equals(known.fileKey(), attributes.fileKey())
                && known.modified().equals(attributes.lastModifiedTime()) && known.size() == attributes.size()) {
            return known.keys();
        }
        requirePrivateFolder(false);
        try {
            JWKSet keys = JWKSet.parse(Files.readString(file));
            if (keys.getKeys().isEmpty() || !(keys.getKeys().get(0) instanceof RSAKey signing) || !signing.isPrivate()) {
                throw new IssuerKeysException(file + " holds no private RSA signing key: delete it, and the next "
                        + "token command makes a new one");
            }
            snapshot = new Snapshot(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), keys);
            return keys;
        } catch (IOException | ParseException e) {
            throw new IssuerKeysException(file + " is not a key set ws-local wrote (" + e.getMessage() + "): delete "
                    + "it, and the next token command makes a new one", e);
        }
    }

    private void requirePrivateFolder(boolean create) {
        try {
            if ((create || Files.exists(folder)) && !PrivateFolder.ensure(folder)) {
                throw new IssuerKeysException(folder + " holds signing keys but is not this user's alone (owned by "
                        + "another user, or writable by others): remove it, or choose another with --issuer-keys");
            }
        } catch (IOException e) {
            throw new IssuerKeysException("cannot create " + folder + " for the signing keys: " + e.getMessage(), e);
        }
    }

    /** Writes the first key set unless one exists: a hard link publishes the file only if there is none yet. */
    private boolean createOnce(JWKSet keys) {
        Path staging = staged(keys);
        try {
            Files.createLink(file, staging);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException e) {
            moveIntoPlace(staging); // no hard links on this file system: the last writer wins
            return true;
        } finally {
            deleteQuietly(staging);
        }
    }

    private void write(JWKSet keys) {
        moveIntoPlace(staged(keys));
    }

    /** The key set, private parts included, in a new file readable by this user only. */
    private Path staged(JWKSet keys) {
        Path staging = folder.resolve(FILE + "." + UUID.randomUUID() + ".tmp");
        try {
            if (staging.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(staging);
            }
            Files.writeString(staging, keys.toString(false));
            return staging;
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new IssuerKeysException("cannot write the signing keys in " + folder + ": " + e.getMessage(), e);
        }
    }

    private void moveIntoPlace(Path staging) {
        try {
            try {
                Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new IssuerKeysException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IssuerKeysException("cannot make an RSA key: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A leftover .tmp in the private folder: harmless.
        }
    }
}
