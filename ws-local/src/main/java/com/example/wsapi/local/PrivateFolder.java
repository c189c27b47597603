package com.example.wsapi.local;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * A folder of this user's alone, for what others must neither plant nor read (code run from a cache, signing keys): in
 * a shared temporary folder, another user could otherwise create it first.
 */
public final class PrivateFolder {

    private PrivateFolder() {}

    /**
     * Creates the folder for this user alone (rwx------), or accepts an existing one only if this user owns it and
     * nobody else may write to it.
     *
     * @return whether the folder is this user's alone (on file systems without POSIX permissions: whether it exists)
     */
    public static boolean ensure(Path root) throws IOException {
        boolean posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.exists(root)) {
            try {
                if (posix) {
                    Files.createDirectories(root, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(root);
                }
            } catch (FileAlreadyExistsException e) {
                // Created at the same moment by another ws-local: checked below like any existing folder.
            }
        }
        if (!posix) {
            return Files.isDirectory(root);
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(root, LinkOption.NOFOLLOW_LINKS);
        UserPrincipal me = root.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        return Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)
                && Files.getOwner(root, LinkOption.NOFOLLOW_LINKS).equals(me)
                && !permissions.contains(PosixFilePermission.GROUP_WRITE)
                && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }
}
