package dev.zkasync.client.session;

import dev.zkasync.client.connect.HostAndPort;
import dev.zkasync.client.tls.TlsConfig;

import dev.zkasync.client.exception.ConnectionLossException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * ZooKeeper's four-letter words over a connection of their own: send four ASCII bytes, read the
 * text answer until the server closes; over TLS when the client uses TLS. Blocking by nature;
 * callers run it off the I/O thread.
 */
public final class FourLetterWords {
    /** Kazoo reads at most 8 KB; mntr and cons can be longer, so allow more but never unbounded. */
    private static final int MAX_ANSWER = 1 << 20;

    private FourLetterWords() {
    }

    private static Socket open(TlsConfig tls, HostAndPort server, int millis) throws IOException {
        if (tls != null) {
            return tls.connect(server.host(), server.port(), millis);
        }
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(server.host(), server.port()), millis);
            socket.setSoTimeout(millis);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends {@code command} to {@code server} and returns the answer. */
    public static String send(TlsConfig tls, HostAndPort server, String command, Duration timeout) {
        if (command == null || command.length() != 4) {
            throw new IllegalArgumentException("a four-letter word has four letters, not \"" + command + "\"");
        }
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = open(tls, server, millis)) {
            OutputStream out = socket.getOutputStream();
            out.write(command.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0 && answer.size() < MAX_ANSWER) {
                answer.write(buffer, 0, n);
            }
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConnectionLossException(null, "four-letter word " + command + " to " + server + " failed: "
                    + e.getMessage(), e);
        }
    }
}
