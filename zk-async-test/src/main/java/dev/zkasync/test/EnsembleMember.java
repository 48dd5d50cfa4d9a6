package dev.zkasync.test;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One server of a {@link ZooKeeperEnsemble}: a {@code QuorumPeerMain} JVM with its own directory,
 * {@code myid}, client port, quorum port and election port, all on 127.0.0.1.
 *
 * <p>{@link #start()} and {@link #restart()} wait until the server answers four-letter words, not
 * until it serves: a member alone cannot serve until enough others run. Use
 * {@link #awaitServing(Duration)} or {@link ZooKeeperEnsemble#awaitQuorum(Duration)} for that.
 */
public final class EnsembleMember {

    static final String DYNAMIC_CONFIG_FILE_NAME = "zoo.cfg.dynamic";

    private final int myid;
    private final int clientPort;
    private final int quorumPort;
    private final int electionPort;
    private final boolean observer;
    private final Path dataDir;
    private final ZooKeeperServerOptions options;
    private final ServerJvm jvm;

    EnsembleMember(int myid, boolean observer, Path dataDir, ZooKeeperServerOptions options) {
        this.myid = myid;
        this.observer = observer;
        this.dataDir = dataDir;
        this.options = options;
        this.clientPort = FreePorts.allocate();
        this.quorumPort = FreePorts.allocate();
        this.electionPort = FreePorts.allocate();
        Path config = dataDir.resolve(ZooKeeperProcess.CONFIG_FILE_NAME);
        this.jvm = new ServerJvm("ZooKeeper server." + myid + " 127.0.0.1:" + clientPort, dataDir, config,
                JvmCommand.QUORUM_MAIN, options, clientPort, List.of(clientPort, quorumPort, electionPort));
    }

    /** Writes myid, zoo.cfg and the dynamic configuration listing {@code servers} (one spec per line). */
    void writeConfig(List<String> servers) {
        Path dynamic = dataDir.resolve(DYNAMIC_CONFIG_FILE_NAME);
        TempDirs.write(dataDir.resolve("myid"), myid + "\n");
        TempDirs.write(dynamic, String.join("\n", servers) + "\n");
        TempDirs.write(dataDir.resolve(ZooKeeperProcess.CONFIG_FILE_NAME),
                ZooCfg.quorumMember(options, dataDir, dynamic));
    }

    ServerJvm jvm() {
        return jvm;
    }

    /**
     * The server id.
     *
     * @return {@code myid}, starting at 1
     */
    public int myid() {
        return myid;
    }

    /**
     * The client port.
     *
     * @return the port on 127.0.0.1
     */
    public int port() {
        return clientPort;
    }

    /**
     * The port followers connect to when this member leads.
     *
     * @return the quorum port on 127.0.0.1
     */
    public int quorumPort() {
        return quorumPort;
    }

    /**
     * The leader election port.
     *
     * @return the election port on 127.0.0.1
     */
    public int electionPort() {
        return electionPort;
    }

    /**
     * Whether the member was configured as an observer.
     *
     * @return true for members made by {@link ZooKeeperEnsemble#prepareObserver()}
     */
    public boolean isObserver() {
        return observer;
    }

    /**
     * The member's line in the dynamic configuration, as {@code reconfig} expects it.
     *
     * @return {@code server.<myid>=127.0.0.1:<quorum>:<election>:<participant|observer>;127.0.0.1:<client>}
     */
    public String spec() {
        return "server." + myid + "=127.0.0.1:" + quorumPort + ":" + electionPort + ":"
                + (observer ? "observer" : "participant") + ";127.0.0.1:" + clientPort;
    }

    /**
     * This member's address alone.
     *
     * @return {@code 127.0.0.1:<port>}
     */
    public String connectString() {
        return "127.0.0.1:" + clientPort;
    }

    /**
     * The member's directory: data, {@code myid}, configuration files and {@code server.log}.
     *
     * @return the directory
     */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * The file that receives the member JVM's stdout and stderr, across restarts.
     *
     * @return the log file
     */
    public Path logFile() {
        return jvm.logFile();
    }

    /**
     * The last 80 lines of the member's log.
     *
     * @return the lines, joined with {@code \n}
     */
    public String logTail() {
        return logTail(ServerJvm.FAILURE_LOG_LINES);
    }

    /**
     * The end of the member's log.
     *
     * @param lines how many lines
     * @return at most {@code lines} lines, joined with {@code \n}
     */
    public String logTail(int lines) {
        return jvm.logTail(lines);
    }

    /**
     * The process id of the current member JVM, or of the last one if it has stopped.
     *
     * @return the pid
     */
    public long pid() {
        return jvm.pid();
    }

    /**
     * Whether the member JVM is alive (a paused member is alive).
     *
     * @return true while the JVM runs
     */
    public boolean isRunning() {
        return jvm.isRunning();
    }

    /**
     * Whether the member JVM is stopped by {@link #pause()}.
     *
     * @return true between {@link #pause()} and {@link #resume()}
     */
    public boolean isPaused() {
        return jvm.isPaused();
    }

    /**
     * The member's role from {@code srvr}.
     *
     * @return {@code "leader"}, {@code "follower"}, {@code "observer"} or {@code "read-only"}; {@code "none"}
     *         while it is stopped, paused, or not serving (e.g. looking for a leader)
     */
    public String mode() {
        return jvm.mode().orElse("none");
    }

    /**
     * Waits until the member serves, i.e. {@code srvr} reports a mode.
     *
     * @param timeout the limit
     * @throws IllegalStateException with the log's tail if it does not serve in time or its JVM exits
     */
    public void awaitServing(Duration timeout) {
        jvm.awaitReady(ServerJvm.Readiness.SERVING, timeout);
    }

    /**
     * Starts the member JVM if it is not running, on its ports and data, and waits until it answers
     * four-letter words (see the class comment).
     *
     * @throws IllegalStateException if it does not answer within the start timeout
     */
    public void start() {
        synchronized (jvm) {
            if (!jvm.isRunning()) {
                jvm.relaunch(ServerJvm.Readiness.ANSWERING, options.startTimeout());
            }
        }
    }

    /** Stops the member gracefully (SIGTERM), waits for the JVM to exit and its ports to be free. */
    public void stop() {
        jvm.stop();
    }

    /** Kills the member with SIGKILL and waits for the JVM to exit. */
    public void kill() {
        jvm.kill();
    }

    /** Stops the member if it runs, then {@link #start()}s it again. */
    public void restart() {
        jvm.stop();
        start();
    }

    /** Freezes the member JVM with SIGSTOP. */
    public void pause() {
        jvm.pause();
    }

    /** Lets a paused member JVM continue (SIGCONT); does nothing if it is not paused. */
    public void resume() {
        jvm.resume();
    }

    /**
     * Sends a four-letter word to this member, waiting at most 5 s.
     *
     * @param command four letters
     * @return the answer
     * @throws UncheckedIOException if the connection fails or times out
     */
    public String fourLetterWord(String command) {
        return fourLetterWord(command, FourLetterWord.DEFAULT_TIMEOUT);
    }

    /**
     * Sends a four-letter word to this member.
     *
     * @param command four letters
     * @param timeout the limit for connecting and reading together
     * @return the answer
     * @throws UncheckedIOException if the connection fails or times out
     */
    public String fourLetterWord(String command, Duration timeout) {
        return jvm.fourLetterWord(command, timeout);
    }

    /** Kills the JVM (resuming it first if paused) and returns the ports; the ensemble deletes the directory. */
    void close() {
        try {
            jvm.resume();
            jvm.kill();
        } finally {
            FreePorts.release(clientPort);
            FreePorts.release(quorumPort);
            FreePorts.release(electionPort);
        }
    }

    @Override
    public String toString() {
        return spec();
    }
}
