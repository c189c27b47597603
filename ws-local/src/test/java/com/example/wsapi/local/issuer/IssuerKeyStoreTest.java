package com.example.wsapi.local.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuerKeyStoreTest {

    @TempDir
    Path dir;

    @Test
    void noKeysYet_publishesAnEmptySet_andCreatesNothing() {
        IssuerKeyStore store = new IssuerKeyStore(dir.resolve("keys"));

        assertTrue(store.publicKeys().getKeys().isEmpty());
        assertFalse(Files.exists(dir.resolve("keys")));
    }

    @Test
    void signingKey_isMadeOnce_inAPrivateFolder_andSharedByEveryStoreOfTheFolder() throws Exception {
        RSAKey key = new IssuerKeyStore(dir.resolve("keys")).signingKey();

        IssuerKeyStore another = new IssuerKeyStore(dir.resolve("keys"));
        assertEquals(key.getKeyID(), another.signingKey().getKeyID(), "the token command and ws-local share it");
        assertEquals(List.of(key.getKeyID()), another.publicKeys().getKeys().stream().map(JWK::getKeyID).toList());
        assertFalse(another.publicKeys().getKeys().get(0).isPrivate());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys"))));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("keys/keys.json"))));
    }

    @Test
    void rotation_makesANewSigningKey_keepsThePreviousPublished_andARunningStoreSeesIt() {
        IssuerKeyStore running = new IssuerKeyStore(dir);
        RSAKey first = running.signingKey();
        assertEquals(1, running.publicKeys().getKeys().size());

        RSAKey second = new IssuerKeyStore(dir).rotate();
        RSAKey third = new IssuerKeyStore(dir).rotate();

        assertEquals(third.getKeyID(), running.signingKey().getKeyID());
        assertEquals(List.of(third.getKeyID(), second.getKeyID()),
                running.publicKeys().getKeys().stream().map(JWK::getKeyID).toList(), "the first one is retired");
        assertFalse(List.of(second.getKeyID(), third.getKeyID()).contains(first.getKeyID()));
    }

    @Test
    void folderOthersMayWriteTo_isRefused_sayingWhatToDo() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        IssuerKeysException refused = assertThrows(IssuerKeysException.class,
                () -> new IssuerKeyStore(shared).signingKey());

        assertTrue(refused.getMessage().contains("not this user's alone") && refused.getMessage()
                .contains("--issuer-keys"), refused.getMessage());
    }

    @Test
    void damagedKeyFile_isAClearError() throws Exception {
        new IssuerKeyStore(dir).signingKey();
        Files.writeString(dir.resolve("keys.json"), "{not json");

        IssuerKeysException refused = assertThrows(IssuerKeysException.class,
                () -> new IssuerKeyStore(dir).publicKeys());

        assertTrue(refused.getMessage().contains("delete it"), refused.getMessage());
    }
}
