package dev.zkasync.client.path;


import dev.zkasync.client.exception.InvalidPathException;
import dev.zkasync.client.exception.PrintablePath;

/**
 * Znode path helpers: validation with ZooKeeper's own rules, joining and splitting, and chroot
 * prefixing and stripping.
 */
public final class ZkPaths {


    private ZkPaths() {
    }

    /**
     * Checks a path with the rules the ZooKeeper server applies: not null or empty, starts with
     * {@code '/'}, no trailing {@code '/'} (except the root {@code "/"}), no empty node name, no
     * node name {@code "."} or {@code ".."}, and no character in U+0000 to U+001F, U+007F to
     * U+009F, U+D800 to U+F8FF (so no surrogate pairs either) or U+FFF0 to U+FFFF.
     *
     * @param path the path to check
     * @throws InvalidPathException naming the path and the rule it breaks
     */
    public static void validate(String path) {
        check(path, false);
    }

    /**
     * Checks the path of a sequential create: as {@link #validate(String)}, but the server appends
     * a sequence number, so a trailing {@code '/'} ({@code "/dir/"} gives
     * {@code "/dir/0000000001"}) and a last node name of {@code "."} or {@code ".."} are allowed.
     *
     * @param path the path to check
     * @throws InvalidPathException naming the path and the rule it breaks
     */
    public static void validateSequential(String path) {
        check(path, true);
    }

    private static void check(String path, boolean sequential) {
        if (path == null) {
            throw new InvalidPathException(null, "path must not be null");
        }
        int n = path.length();
        if (n == 0) {
            throw new InvalidPathException(path, "path must not be empty");
        }
        if (path.charAt(0) != '/') {
            throw new InvalidPathException(path, "path must start with '/'");
        }
        if (n == 1) {
            return;
        }
        if (!sequential && path.charAt(n - 1) == '/') {
            throw new InvalidPathException(path, "path must not end with '/'");
        }
        int start = 1; // start of the current node name
        for (int i = 1; i < n; i++) {
            char c = path.charAt(i);
            if (c == '/') {
                if (i == start) {
                    throw new InvalidPathException(path, "empty node name at index " + i);
                }
                checkNotRelative(path, start, i);
                start = i + 1;
            } else if (PrintablePath.isForbidden(c)) {
                throw new InvalidPathException(path,
                        "invalid character " + PrintablePath.of(String.valueOf(c)) + " at index " + i);
            }
        }
        // A sequential create appends digits to the last name, so "." there becomes ".0000000001".
        if (!sequential) {
            checkNotRelative(path, start, n);
        }
    }

    private static void checkNotRelative(String path, int start, int end) {
        int len = end - start;
        if ((len == 1 || len == 2) && path.charAt(start) == '.' && path.charAt(end - 1) == '.') {
            throw new InvalidPathException(path,
                    "relative node name \"" + path.substring(start, end) + "\" at index " + start);
        }
    }


    /**
     * Returns the string with every character that {@link #validate(String)} forbids escaped as
     * {@code \}{@code uXXXX}, so it can go into a log line or error message.
     *
     * @param s the string, possibly null
     * @return the printable form, or {@code "null"}
     */
    public static String printable(String s) {
        return PrintablePath.of(s);
    }

    /**
     * Joins a parent path and a child name with exactly one {@code '/'} between them. Nothing is
     * validated; {@code join("/", "a")} is {@code "/a"} and {@code join("/a", "b/c")} is
     * {@code "/a/b/c"}.
     *
     * @param parent an absolute path
     * @param child  a relative name; one leading {@code '/'} is ignored
     * @return the joined path
     */
    public static String join(String parent, String child) {
        boolean parentSlash = parent.endsWith("/");
        boolean childSlash = child.startsWith("/");
        if (parentSlash && childSlash) {
            return parent + child.substring(1);
        }
        if (parentSlash || childSlash) {
            return parent + child;
        }
        return parent + '/' + child;
    }

    /**
     * Returns the parent of a valid path: {@code "/"} for {@code "/a"}, {@code "/a"} for
     * {@code "/a/b"}.
     *
     * @param path a valid absolute path
     * @return the parent, or null for the root
     */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        if (path.length() <= 1 || slash < 0) {
            return null;
        }
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    /**
     * Returns the last node name of a path: {@code "b"} for {@code "/a/b"}, {@code ""} for the
     * root.
     *
     * @param path a valid absolute path
     * @return the node name
     */
    public static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * Turns a client path into the server path under a chroot: {@code ("/app", "/")} gives
     * {@code "/app"}, {@code ("/app", "/x")} gives {@code "/app/x"}, {@code ("", p)} gives
     * {@code p}.
     *
     * @param chroot {@code ""} for none, or a valid path without trailing {@code '/'}
     * @param path   a client path
     * @return the server path
     */
    public static String prefixChroot(String chroot, String path) {
        if (chroot.isEmpty()) {
            return path;
        }
        return path.equals("/") ? chroot : chroot + path;
    }

    /**
     * As {@link #prefixChroot(String, String)}, but for a sequential create the root keeps its
     * slash: {@code ("/app", "/")} gives {@code "/app/"}, so the new node lands inside the chroot
     * ({@code "/app/0000000001"}) rather than beside it.
     *
     * @param chroot     {@code ""} for none, or a valid path without trailing {@code '/'}
     * @param path       a client path
     * @param sequential whether the path is for a sequential create
     * @return the server path
     */
    public static String prefixChroot(String chroot, String path, boolean sequential) {
        return sequential && !chroot.isEmpty() ? chroot + path : prefixChroot(chroot, path);
    }

    /**
     * Turns a server path into the client path under a chroot: with chroot {@code "/app"},
     * {@code "/app"} gives {@code "/"} and {@code "/app/x"} gives {@code "/x"}. A path outside the
     * chroot ({@code "/zookeeper/config"}, {@code "/apple"}) is returned unchanged.
     *
     * @param chroot     {@code ""} for none, or a valid path without trailing {@code '/'}
     * @param serverPath a path as the server reports it
     * @return the client path
     */
    public static String stripChroot(String chroot, String serverPath) {
        int n = chroot.length();
        if (n == 0 || !serverPath.startsWith(chroot)) {
            return serverPath;
        }
        if (serverPath.length() == n) {
            return "/";
        }
        return serverPath.charAt(n) == '/' ? serverPath.substring(n) : serverPath;
    }
}
