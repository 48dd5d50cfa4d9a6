package dev.zkasync.client.data;


import dev.zkasync.client.exception.KazooException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ZooKeeper server's version, as {@link dev.zkasync.client.KazooClient#serverVersion()} reads it from {@code srvr}.
 *
 * @param major major version
 * @param minor minor version
 * @param patch patch version
 * @param full  the whole version string, e.g. {@code 3.9.4-7246445ec281f3dbf53dc54e970c914f39713903, built on ...}
 */
public record ServerVersion(int major, int minor, int patch, String full) implements Comparable<ServerVersion> {
    private static final Pattern VERSION = Pattern.compile(
            "(?:zookeeper\\.version=|Zookeeper version: )(\\d+)\\.(\\d+)\\.(\\d+)([^\\r\\n]*)");

    /**
     * Reads the version out of an {@code srvr}, {@code stat} or {@code envi} answer.
     *
     * @param answer the {@code srvr} answer
     * @return the version
     */
    public static ServerVersion parse(String answer) {
        Matcher m = VERSION.matcher(answer);
        if (!m.find()) {
            throw new KazooException("no ZooKeeper version in the server's answer");
        }
        return new ServerVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(1) + "." + m.group(2) + "." + m.group(3) + m.group(4));
    }

    /**
     * {@return whether this is at least {@code major.minor}}
     *
     * @param atLeastMajor the major version
     * @param atLeastMinor the minor version
     */
    public boolean atLeast(int atLeastMajor, int atLeastMinor) {
        return major > atLeastMajor || (major == atLeastMajor && minor >= atLeastMinor);
    }

    @Override
    public int compareTo(ServerVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
