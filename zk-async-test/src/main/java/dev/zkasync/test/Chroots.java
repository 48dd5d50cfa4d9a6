package dev.zkasync.test;

/** Connect-string chroot suffixes. */
final class Chroots {

    private Chroots() {
    }

    /** The suffix to append to a connect string: empty for {@code "/"}, else the path itself. */
    static String suffix(String chroot) {
        if (chroot == null || !chroot.startsWith("/")) {
            throw new IllegalArgumentException("a chroot is an absolute path: " + chroot);
        }
        if (chroot.length() > 1 && chroot.endsWith("/")) {
            throw new IllegalArgumentException("a chroot must not end with '/': " + chroot);
        }
        return chroot.equals("/") ? "" : chroot;
    }

    /** A path segment made of characters ZooKeeper paths and humans both read easily. */
    static String segment(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        // "." and ".." are not allowed as ZooKeeper path segments.
        return cleaned.isEmpty() || cleaned.chars().allMatch(c -> c == '.') ? "_" + cleaned : cleaned;
    }
}
