package dev.zkasync.test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Opens a ZooKeeper session with a hand-written ConnectRequest, the smallest way to make the server
 * log a transaction (createSession) without a ZooKeeper client on the classpath.
 */
final class RawSession {

    private RawSession() {
    }

    /** Creates a session and returns its id; the socket is closed, the session lives until it expires. */
    static long create(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(4 + 8 + 4 + 8 + 4 + 16 + 1); // frame length
            out.writeInt(0); // protocol version
            out.writeLong(0); // last zxid seen
            out.writeInt(30_000); // session timeout
            out.writeLong(0); // session id: new session
            out.writeInt(16); // password length
            out.write(new byte[16]);
            out.writeBoolean(false); // read-only
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readInt();
            in.readInt(); // protocol version
            in.readInt(); // negotiated timeout
            long sessionId = in.readLong();
            in.skipNBytes(length - 16);
            return sessionId;
        }
    }

    /** The {@code Zxid:} of {@code srvr} output. */
    static long zxid(String srvr) {
        for (String line : srvr.split("\n")) {
            if (line.startsWith("Zxid:")) {
                return Long.decode(line.substring("Zxid:".length()).strip());
            }
        }
        throw new IllegalArgumentException("no Zxid in: " + srvr);
    }
}
