package dev.zkasync.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ZooKeeper server JVM and its directory: launching, readiness, signals and the log.
 * {@link ZooKeeperProcess} and {@link EnsembleMember} add their own configuration on top.
 */
final class ServerJvm {

    /** How far a start must get before it counts as done. */
    enum Readiness {
        /** The process answers four-letter words (a quorum member may still be looking for a leader). */
        ANSWERING,
        /** {@code srvr} reports a {@code Mode}: the server serves clients. */
        SERVING
    }

    static final String LOG_FILE_NAME = "server.log";
    static final int FAILURE_LOG_LINES = 80;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration BIND_RETRY_PAUSE = Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(ServerJvm.class);

    private final String name;
    private final Path dir;
    private final Path configFile;
    private final Path logFile;
    private final Path logbackFile;
    private final String mainClass;
    private final ZooKeeperServerOptions options;
    private final int clientPort;
    private final List<Integer> ports;
    private final String identityMarker;

    private volatile Process process;
    private volatile boolean paused;
    private volatile boolean identityConfirmed;
    private volatile long logOffset;
    private long lastPid = -1;

    /**
     * @param ports every port the server binds, waited for before a relaunch
     */
    ServerJvm(String name, Path dir, Path configFile, String mainClass, ZooKeeperServerOptions options,
            int clientPort, List<Integer> ports) {
        this.name = name;
        this.dir = dir;
        this.configFile = configFile;
        this.logFile = dir.resolve(LOG_FILE_NAME);
        this.logbackFile = dir.resolve(LogbackConfig.FILE_NAME);
        this.mainClass = mainClass;
        this.options = options;
        this.clientPort = clientPort;
        this.ports = List.copyOf(ports);
        TempDirs.write(logbackFile, LogbackConfig.xml());
        this.identityMarker = "user.dir=" + realPath(dir);
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath(); // the JVM reports its working directory with symlinks resolved
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + dir, e);
        }
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    /** Starts the JVM; the caller then waits with {@link #awaitReady}. */
    synchronized void launch() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = JvmCommand.build(options, mainClass, configFile, logbackFile);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // An agent or debug port meant for the test JVM must not reach the server JVM.
        Map<String, String> env = builder.environment();
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        env.remove("_JAVA_OPTIONS");
        logOffset = LogFile.size(logFile);
        identityConfirmed = false;
        paused = false;
        try {
            Process started = builder.start();
            started.getOutputStream().close();
            ShutdownReaper.registerProcess(started);
            process = started;
            lastPid = started.pid();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " with " + command.get(0), e);
        }
        LOG.debug("launched {} (pid {}) in {}", name, lastPid, dir);
    }

    /**
     * Waits until the server reaches {@code readiness}.
     *
     * @throws ServerExitedException if the JVM exits meanwhile
     * @throws IllegalStateException with the log's tail when the timeout passes
     */
    void awaitReady(Readiness readiness, Duration timeout) {
        Poll.until(timeout, () -> probe(readiness), () -> name + " did not "
                + (readiness == Readiness.SERVING ? "serve" : "answer four-letter words") + " within " + timeout
                + "; last lines of " + logFile + ":\n" + logTail(FAILURE_LOG_LINES));
    }

    /** Relaunches on the same ports, retrying while a port is still held by someone else. */
    void relaunch(Readiness readiness, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        FreePorts.awaitBindable(ports, timeout);
        while (true) {
            launch();
            try {
                awaitReady(readiness, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                return;
            } catch (ServerExitedException e) {
                if (!e.portInUse() || System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                LOG.info("{} could not bind its ports yet; retrying on the same ports", name);
                Poll.sleep(BIND_RETRY_PAUSE);
            }
        }
    }

    /**
     * One readiness check.
     *
     * @throws ServerExitedException if the JVM has exited
     */
    boolean probe(Readiness readiness) {
        Process current = process;
        if (current == null || !current.isAlive()) {
            throw exited(current);
        }
        if (!FourLetterWord.probe(clientPort, "ruok").map("imok"::equals).orElse(false)) {
            return false;
        }
        if (!identityConfirmed) {
            // Another server that took our port would answer too; ours runs in our directory.
            String envi = FourLetterWord.probe(clientPort, "envi").orElse("");
            if (envi.lines().noneMatch(identityMarker::equals)) {
                return false;
            }
            identityConfirmed = true;
        }
        return readiness == Readiness.ANSWERING || mode().isPresent();
    }

    private ServerExitedException exited(Process current) {
        String log = LogFile.readFrom(logFile, logOffset);
        boolean portInUse = log.contains("Address already in use");
        String exit = current == null ? "was never started" : "exited with code " + current.exitValue();
        return new ServerExitedException(name + " " + exit + (portInUse ? " (a port was in use)" : "")
                + "; last lines of " + logFile + ":\n" + logTail(FAILURE_LOG_LINES), portInUse);
    }

    /** The {@code Mode} from {@code srvr}, empty while the server does not serve. */
    Optional<String> mode() {
        if (!isRunning() || paused) {
            return Optional.empty();
        }
        return FourLetterWord.probe(clientPort, "srvr").flatMap(FourLetterWord::mode);
    }

    String fourLetterWord(String command, Duration timeout) {
        return FourLetterWord.send(FreePorts.LOOPBACK.getHostAddress(), clientPort, command, timeout);
    }

    /** SIGTERM, wait for the exit, then for the ports to be free; SIGKILL if it does not exit in time. */
    synchronized void stop() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        if (paused) {
            resume(); // a stopped process would hold SIGTERM until SIGCONT
        }
        current.destroy();
        if (!waitFor(current, STOP_TIMEOUT)) {
            LOG.warn("{} ignored SIGTERM for {}; killing it", name, STOP_TIMEOUT);
            current.destroyForcibly();
            waitFor(current, STOP_TIMEOUT);
        }
        afterExit(current);
        FreePorts.awaitBindable(ports, STOP_TIMEOUT);
    }

    /** SIGKILL and wait for the exit. */
    synchronized void kill() {
        Process current = process;
        if (current == null) {
            return;
        }
        current.destroyForcibly();
        waitFor(current, STOP_TIMEOUT);
        afterExit(current);
    }

    synchronized void pause() {
        if (!isRunning()) {
            throw new IllegalStateException(name + " is not running");
        }
        if (!paused) {
            Signals.stop(process.pid());
            paused = true;
        }
    }

    synchronized void resume() {
        if (paused) {
            Process current = process;
            if (current != null && current.isAlive()) {
                Signals.resume(current.pid());
            }
            paused = false;
        }
    }

    boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    boolean isPaused() {
        return paused && isRunning();
    }

    synchronized long pid() {
        if (lastPid < 0) {
            throw new IllegalStateException(name + " was never started");
        }
        return lastPid;
    }

    String logTail(int lines) {
        return LogFile.tail(logFile, lines);
    }

    private void afterExit(Process exited) {
        ShutdownReaper.unregisterProcess(exited);
        paused = false;
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a server to exit", e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
