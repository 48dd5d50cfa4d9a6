package dev.zkasync.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Sends a four-letter word over a plain socket and reads the answer to EOF. */
final class FourLetterWord {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** Short, so that polling a paused or starting server moves on quickly. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private FourLetterWord() {
    }

    /**
     * Sends {@code command} to {@code host:port} and returns everything the server writes before
     * closing; connecting and reading together take at most {@code timeout}.
     *
     * @throws UncheckedIOException on connection errors, including {@link SocketTimeoutException}
     */
    static String send(String host, int port, String command, Duration timeout) {
        if (command == null || command.length() != 4) {
            throw new IllegalArgumentException("a four-letter word has four letters: " + command);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millisLeft(deadline));
            OutputStream out = socket.getOutputStream();
            out.write(command.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (true) {
                socket.setSoTimeout(millisLeft(deadline));
                int n = in.read(buffer);
                if (n < 0) {
                    return answer.toString(StandardCharsets.UTF_8);
                }
                answer.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(command + " to " + host + ":" + port + " failed: " + e, e);
        }
    }

    /** Like {@link #send} but empty instead of an exception, for polling. */
    static Optional<String> probe(int port, String command) {
        try {
            return Optional.of(send(FreePorts.LOOPBACK.getHostAddress(), port, command, PROBE_TIMEOUT));
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The value of {@code Mode:} in {@code srvr} output ("leader", "standalone", ...), if present. */
    static Optional<String> mode(String srvr) {
        for (String line : srvr.split("\n")) {
            if (line.startsWith("Mode:")) {
                return Optional.of(line.substring("Mode:".length()).strip());
            }
        }
        return Optional.empty();
    }

    private static int millisLeft(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }
}
