package dev.zkasync.client.state;


import java.util.Arrays;

/**
 * A session's identity: its id and password. Passing it to a new client's builder resumes the
 * session. The password never appears in {@link #toString()}.
 *
 * @param sessionId the session id
 * @param password  the session password (16 bytes)
 */
public record ClientId(long sessionId, byte[] password) {
    /** Copies the password, so that a later change to the caller's array does not reach it. */
    public ClientId {
        password = password.clone();
    }

    /** {@return a copy of the session password} */
    @Override
    public byte[] password() {
        return password.clone();
    }

    /** {@return the session id in hex, as ZooKeeper logs it} */
    public String sessionIdHex() {
        return "0x" + Long.toHexString(sessionId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientId other && other.sessionId == sessionId && Arrays.equals(other.password, password);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sessionId);
    }

    @Override
    public String toString() {
        return "ClientId[sessionId=" + sessionIdHex() + "]";
    }
}
