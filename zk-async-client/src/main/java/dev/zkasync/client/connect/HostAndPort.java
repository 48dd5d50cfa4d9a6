package dev.zkasync.client.connect;

import dev.zkasync.client.path.ZkPaths;

import dev.zkasync.client.exception.ConfigurationException;
import java.net.InetSocketAddress;

/**
 * An unresolved server address from a connect string. IPv6 literals are kept without brackets.
 *
 * @param host a host name or IP literal
 * @param port the port, 1 to 65535
 */
public record HostAndPort(String host, int port) {

    /** The port used when a connect string names none. */
    public static final int DEFAULT_PORT = 2181;

    /**
     * Validates the components.
     *
     * @param host a host name or IP literal; surrounding brackets of an IPv6 literal are dropped
     * @param port the port, 1 to 65535
     * @throws ConfigurationException if the host is empty or has blanks, or the port is out of range
     */
    public HostAndPort {
        if (host == null) {
            throw new ConfigurationException("host must not be null");
        }
        if (host.length() > 1 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']') {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new ConfigurationException("host must not be empty");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '[' || c == ']' || c == '/' || c == ',') {
                throw new ConfigurationException("invalid host \"" + ZkPaths.printable(host) + "\"");
            }
        }
        if (port < 1 || port > 65535) {
            throw new ConfigurationException("port must be between 1 and 65535, got " + port + " for host " + host);
        }
    }

    /**
     * Parses one connect-string entry: {@code host}, {@code host:port}, {@code [v6]} or
     * {@code [v6]:port}; the port defaults to {@value #DEFAULT_PORT}.
     *
     * @param entry the entry, without surrounding blanks
     * @return the address
     * @throws ConfigurationException naming the entry if it is malformed
     */
    public static HostAndPort parse(String entry) {
        String host;
        String port;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw bad(entry, "unclosed '['");
            }
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (rest.isEmpty()) {
                port = null;
            } else if (rest.charAt(0) == ':') {
                port = rest.substring(1);
            } else {
                throw bad(entry, "expected ':' after ']'");
            }
        } else {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                host = entry;
                port = null;
            } else if (entry.indexOf(':', colon + 1) >= 0) {
                throw bad(entry, "an IPv6 address must be in brackets, as in [::1]:2181");
            } else {
                host = entry.substring(0, colon);
                port = entry.substring(colon + 1);
            }
        }
        if (host.isEmpty()) {
            throw bad(entry, "empty host");
        }
        int portNumber = port == null ? DEFAULT_PORT : parsePort(entry, port);
        try {
            return new HostAndPort(host, portNumber);
        } catch (ConfigurationException e) {
            throw bad(entry, e.getMessage());
        }
    }

    private static int parsePort(String entry, String port) {
        // Digits only: Integer.parseInt would also take a sign.
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(entry, "port \"" + ZkPaths.printable(port) + "\" is not a number between 1 and 65535");
        }
        int value = Integer.parseInt(port);
        if (value < 1 || value > 65535) {
            throw bad(entry, "port " + value + " is not between 1 and 65535");
        }
        return value;
    }

    private static ConfigurationException bad(String entry, String why) {
        return new ConfigurationException("invalid server \"" + ZkPaths.printable(entry) + "\" in connect string: " + why);
    }

    /**
     * Returns an unresolved socket address, resolved only when a connection is made.
     *
     * @return the address
     */
    public InetSocketAddress toUnresolvedAddress() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    /**
     * Returns {@code host:port}, with an IPv6 literal in brackets: {@code [::1]:2181}.
     *
     * @return the address as text
     */
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ':' + port;
    }
}
