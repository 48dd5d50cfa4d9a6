package dev.zkasync.test;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real standalone Apache ZooKeeper server ({@code ZooKeeperServerMain}) in its own JVM, listening
 * on 127.0.0.1 on a free port, with its own temporary directory holding {@code zoo.cfg}, the data,
 * and {@code server.log} (the JVM's stdout and stderr).
 *
 * <pre>{@code
 * try (ZooKeeperProcess zk = ZooKeeperProcess.start()) {
 *     client.connect(zk.connectString());
 *     zk.kill();       // kill -9
 *     zk.restart();    // same port, same data
 * }
 * }</pre>
 *
 * <p>Methods are thread-safe. {@link #close()} kills the server and deletes its directory; a JVM
 * shutdown hook kills any server still running when the JVM exits.
 */
public final class ZooKeeperProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperProcess.class);
    /** Attempts with a fresh port when another process grabbed ours between choosing and binding it. */
    private static final int START_ATTEMPTS = 5;
    static final String CONFIG_FILE_NAME = "zoo.cfg";

    private final ZooKeeperServerOptions options;
    private final int port;
    private final Path dataDir;
    private final ServerJvm jvm;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ZooKeeperProcess(ZooKeeperServerOptions options, int port, Path dataDir) {
        this.options = options;
        this.port = port;
        this.dataDir = dataDir;
        Path config = dataDir.resolve(CONFIG_FILE_NAME);
        TempDirs.write(config, ZooCfg.standalone(options, dataDir, port));
        this.jvm = new ServerJvm("ZooKeeper 127.0.0.1:" + port, dataDir, config, JvmCommand.STANDALONE_MAIN,
                options, port, List.of(port));
    }

    /**
     * The ZooKeeper release every server of this JVM runs: {@code -Dzk.async.server.version} (or env
     * {@code ZK_ASYNC_SERVER_VERSION}) when set, else the release zk-async-zookeeper-runtime lists.
     *
     * @return a release such as {@code 3.9.4}
     */
    public static String serverVersion() {
        return ServerClasspath.version();
    }

    /**
     * Starts a server with {@link ZooKeeperServerOptions#defaults()} and waits until it serves.
     *
     * @return the running server
     * @throws IllegalStateException if it does not serve within the start timeout; the message holds the log's tail
     */
    public static ZooKeeperProcess start() {
        return start(ZooKeeperServerOptions.defaults());
    }

    /**
     * Starts a server and waits until it answers {@code ruok} and reports a {@code Mode} in {@code srvr}.
     *
     * @param options the server's settings
     * @return the running server
     * @throws IllegalStateException if it does not serve within {@link ZooKeeperServerOptions#startTimeout()};
     *         the message holds the log's tail
     */
    public static ZooKeeperProcess start(ZooKeeperServerOptions options) {
        long begin = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            ZooKeeperProcess server = new ZooKeeperProcess(options, FreePorts.allocate(),
                    TempDirs.create("zk-async-server-"));
            try {
                server.jvm.launch();
                server.jvm.awaitReady(ServerJvm.Readiness.SERVING, options.startTimeout());
                LOG.info("started {} (pid {}) in {} ms, data in {}", server.jvm.name(), server.pid(),
                        (System.nanoTime() - begin) / 1_000_000, server.dataDir);
                return server;
            } catch (ServerExitedException e) {
                server.close();
                if (!e.portInUse() || attempt >= START_ATTEMPTS) {
                    throw e;
                }
                LOG.info("port {} was taken before ZooKeeper bound it; retrying with another port", server.port);
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
        }
    }

    /**
     * The client port, the same for the server's whole life, restarts included.
     *
     * @return the port on 127.0.0.1
     */
    public int port() {
        return port;
    }

    /**
     * The address for a ZooKeeper client.
     *
     * @return {@code 127.0.0.1:<port>}
     */
    public String connectString() {
        return "127.0.0.1:" + port;
    }

    /**
     * The address with a chroot suffix.
     *
     * @param chroot an absolute path such as {@code /app}; {@code "/"} means no chroot
     * @return {@code 127.0.0.1:<port><chroot>}
     */
    public String connectString(String chroot) {
        return connectString() + Chroots.suffix(chroot);
    }

    /**
     * The server's directory: ZooKeeper's data ({@code version-2}), {@code zoo.cfg}, {@code logback.xml}
     * and {@code server.log}. It is deleted by {@link #close()}.
     *
     * @return the directory
     */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * The file that receives the server JVM's stdout and stderr, across restarts.
     *
     * @return the log file
     */
    public Path logFile() {
        return jvm.logFile();
    }

    /**
     * The end of the server log.
     *
     * @param lines how many lines
     * @return at most {@code lines} lines, joined with {@code \n}
     */
    public String logTail(int lines) {
        return jvm.logTail(lines);
    }

    /**
     * The process id of the current server JVM, or of the last one if it has stopped.
     *
     * @return the pid
     */
    public long pid() {
        return jvm.pid();
    }

    /**
     * Whether the server JVM is alive (a paused server is alive).
     *
     * @return true while the JVM runs
     */
    public boolean isRunning() {
        return jvm.isRunning();
    }

    /**
     * Whether the server JVM is stopped by {@link #pause()}.
     *
     * @return true between {@link #pause()} and {@link #resume()}
     */
    public boolean isPaused() {
        return jvm.isPaused();
    }

    /**
     * The options the server was started with.
     *
     * @return the options
     */
    public ZooKeeperServerOptions options() {
        return options;
    }

    /**
     * Stops the server gracefully: SIGTERM, wait for the JVM to exit (SIGKILL after 30 s), then wait
     * until the port can be bound again. Does nothing if it is not running.
     */
    public void stop() {
        ensureOpen();
        jvm.stop();
    }

    /** Kills the server with SIGKILL ({@code kill -9}) and waits for the JVM to exit. */
    public void kill() {
        ensureOpen();
        jvm.kill();
    }

    /**
     * Stops the server if it runs, then starts it again on the same port with the same data, and
     * waits until it serves.
     *
     * @throws IllegalStateException if it does not serve again within the start timeout
     */
    public void restart() {
        ensureOpen();
        jvm.stop();
        startAgain();
    }

    /**
     * Starts the server again after {@link #stop()} or {@link #kill()}, on the same port with the same
     * data, and waits until it serves; does nothing if it is running. (A static {@code start()} exists,
     * hence the name.)
     *
     * @throws IllegalStateException if it does not serve within the start timeout
     */
    public void startAgain() {
        ensureOpen();
        synchronized (jvm) {
            if (!jvm.isRunning()) {
                jvm.relaunch(ServerJvm.Readiness.SERVING, options.startTimeout());
            }
        }
    }

    /** Freezes the server JVM with SIGSTOP: connections stay open but nothing answers. */
    public void pause() {
        ensureOpen();
        jvm.pause();
    }

    /** Lets a paused server JVM continue (SIGCONT); does nothing if it is not paused. */
    public void resume() {
        ensureOpen();
        jvm.resume();
    }

    /**
     * Sends a four-letter word ({@code ruok}, {@code srvr}, {@code mntr}, {@code conf}, ...) and
     * returns the answer, waiting at most 5 s.
     *
     * @param command four letters
     * @return everything the server wrote before closing the connection
     * @throws UncheckedIOException if the connection fails or times out
     */
    public String fourLetterWord(String command) {
        return fourLetterWord(command, FourLetterWord.DEFAULT_TIMEOUT);
    }

    /**
     * Sends a four-letter word and returns the answer.
     *
     * @param command four letters
     * @param timeout the limit for connecting and reading together
     * @return everything the server wrote before closing the connection
     * @throws UncheckedIOException if the connection fails or times out (cause
     *         {@link java.net.SocketTimeoutException})
     */
    public String fourLetterWord(String command, Duration timeout) {
        return jvm.fourLetterWord(command, timeout);
    }

    /**
     * Kills the server if it runs (resuming it first if paused) and deletes its directory.
     * Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            jvm.resume();
            jvm.kill();
        } finally {
            TempDirs.delete(dataDir);
            FreePorts.release(port);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(jvm.name() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "ZooKeeperProcess{" + connectString() + ", running=" + isRunning() + ", dir=" + dataDir + "}";
    }
}
