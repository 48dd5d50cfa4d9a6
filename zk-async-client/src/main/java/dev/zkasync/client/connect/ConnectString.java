package dev.zkasync.client.connect;

import dev.zkasync.client.path.ZkPaths;

import dev.zkasync.client.exception.ConfigurationException;
import dev.zkasync.client.exception.InvalidPathException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed connect string: the servers to try, and the chroot that every path is relative to.
 *
 * @param hosts  the servers, at least one, in the order given
 * @param chroot {@code ""} for none, or a valid path such as {@code "/app"}
 */
public record ConnectString(List<HostAndPort> hosts, String chroot) {

    /**
     * Validates the components.
     *
     * @param hosts  the servers, at least one
     * @param chroot {@code ""}, {@code "/"} or null for none, or a valid path
     * @throws ConfigurationException if there are no hosts or the chroot is invalid
     */
    public ConnectString {
        if (hosts == null || hosts.isEmpty()) {
            throw new ConfigurationException("a connect string needs at least one host");
        }
        hosts = List.copyOf(hosts);
        chroot = normalizeChroot(chroot);
    }

    private static String normalizeChroot(String chroot) {
        if (chroot == null || chroot.isEmpty() || chroot.equals("/")) {
            return "";
        }
        try {
            ZkPaths.validate(chroot);
        } catch (InvalidPathException e) {
            throw new ConfigurationException("invalid chroot in connect string: " + e.getMessage(), e);
        }
        return chroot;
    }

    /**
     * Parses {@code host1:port1,host2:port2,[v6]:port3/chroot}. Ports default to
     * {@value HostAndPort#DEFAULT_PORT}; blanks around entries are ignored; everything from the
     * first {@code '/'} is the chroot, which follows ZooKeeper's path rules ({@code "/"} means no
     * chroot, {@code "/app/"} is invalid).
     *
     * @param connectString the connect string
     * @return the parsed form
     * @throws ConfigurationException naming the bad part if the string is malformed
     */
    public static ConnectString parse(String connectString) {
        if (connectString == null) {
            throw new ConfigurationException("connect string must not be null");
        }
        String s = connectString.strip();
        int slash = s.indexOf('/');
        String hostList = slash < 0 ? s : s.substring(0, slash);
        String chroot = slash < 0 ? "" : s.substring(slash);
        if (hostList.isBlank()) {
            throw new ConfigurationException("connect string \"" + ZkPaths.printable(s) + "\" names no hosts");
        }
        String[] entries = hostList.split(",", -1);
        List<HostAndPort> hosts = new ArrayList<>(entries.length);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                throw new ConfigurationException("connect string \"" + ZkPaths.printable(s)
                        + "\" has an empty host entry at position " + (i + 1));
            }
            hosts.add(HostAndPort.parse(entry));
        }
        return new ConnectString(hosts, chroot);
    }

    /**
     * Returns a copy with other servers and the same chroot (ZooKeeper cannot change the chroot
     * of a live client).
     *
     * @param newHosts the servers, at least one
     * @return the new connect string
     */
    public ConnectString withHosts(List<HostAndPort> newHosts) {
        return new ConnectString(newHosts, chroot);
    }

    /**
     * Tells whether a chroot is set.
     *
     * @return true if {@link #chroot()} is not empty
     */
    public boolean hasChroot() {
        return !chroot.isEmpty();
    }

    /**
     * Returns the canonical connect string, with every port spelled out:
     * {@code "h1:2181,[::1]:2182/app"}.
     *
     * @return the connect string
     */
    @Override
    public String toString() {
        return hosts.stream().map(HostAndPort::toString).collect(Collectors.joining(",")) + chroot;
    }
}
