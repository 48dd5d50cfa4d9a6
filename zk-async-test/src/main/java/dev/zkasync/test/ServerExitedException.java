package dev.zkasync.test;

/** A server JVM exited while we waited for it to serve. */
final class ServerExitedException extends IllegalStateException {

    private final boolean portInUse;

    ServerExitedException(String message, boolean portInUse) {
        super(message);
        this.portInUse = portInUse;
    }

    /** Whether it died because a port it needed was taken, so a retry (with new or freed ports) may work. */
    boolean portInUse() {
        return portInUse;
    }
}
