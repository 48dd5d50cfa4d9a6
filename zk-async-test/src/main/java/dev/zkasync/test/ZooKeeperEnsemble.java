package dev.zkasync.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real ZooKeeper ensemble: N {@code QuorumPeerMain} JVMs on 127.0.0.1, each with its own
 * directory and free client, quorum and election ports, configured with a dynamic configuration
 * file ({@code reconfigEnabled=true}, {@code standaloneEnabled=false}).
 *
 * <pre>{@code
 * try (ZooKeeperEnsemble ensemble = ZooKeeperEnsemble.start(3, ZooKeeperServerOptions.defaults())) {
 *     client.connect(ensemble.connectString());
 *     ensemble.leader().orElseThrow().kill();
 *     ensemble.awaitQuorum(Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>{@link #close()} kills every member, including prepared observers, and deletes their directories.
 */
public final class ZooKeeperEnsemble implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperEnsemble.class);
    private static final int START_ATTEMPTS = 3;
    private static final int DIAGNOSTIC_LOG_LINES = 30;
    private static final Set<String> QUORUM_MODES = Set.of("leader", "follower", "observer");

    private final ZooKeeperServerOptions options;
    private final Path rootDir;
    private final List<EnsembleMember> members;
    private final List<EnsembleMember> prepared = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ZooKeeperEnsemble(int size, ZooKeeperServerOptions options) {
        this.options = options;
        this.rootDir = TempDirs.create("zk-async-ensemble-");
        try {
            List<EnsembleMember> created = new ArrayList<>();
            for (int myid = 1; myid <= size; myid++) {
                created.add(new EnsembleMember(myid, false, memberDir(myid), options));
            }
            this.members = List.copyOf(created);
            List<String> specs = specs();
            members.forEach(member -> member.writeConfig(specs));
        } catch (RuntimeException | Error e) {
            TempDirs.delete(rootDir);
            throw e;
        }
    }

    /**
     * Starts a three-member ensemble with default options.
     *
     * @return the running ensemble, with a leader
     */
    public static ZooKeeperEnsemble start() {
        return start(3, ZooKeeperServerOptions.defaults());
    }

    /**
     * Starts {@code size} members at once and waits until each reports a mode in {@code srvr} and
     * the ensemble has a quorum with exactly one leader.
     *
     * @param size the number of participants, at least 1
     * @param options the settings every member gets
     * @return the running ensemble
     * @throws IllegalStateException if it has no quorum within {@link ZooKeeperServerOptions#startTimeout()};
     *         the message holds each member's mode and log tail
     */
    public static ZooKeeperEnsemble start(int size, ZooKeeperServerOptions options) {
        if (size < 1) {
            throw new IllegalArgumentException("an ensemble needs at least one member: " + size);
        }
        long begin = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble(size, options);
            try {
                ensemble.members.forEach(member -> member.jvm().launch());
                long deadline = System.nanoTime() + options.startTimeout().toNanos();
                ensemble.awaitAllServing(options.startTimeout());
                ensemble.awaitQuorum(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                LOG.info("started ensemble {} in {} ms", ensemble.connectString(),
                        (System.nanoTime() - begin) / 1_000_000);
                return ensemble;
            } catch (ServerExitedException e) {
                ensemble.close();
                if (!e.portInUse() || attempt >= START_ATTEMPTS) {
                    throw e;
                }
                LOG.info("a member's port was taken before it bound it; retrying with new ports");
            } catch (RuntimeException | Error e) {
                ensemble.close();
                throw e;
            }
        }
    }

    /** Checks every member each round, so a member that died is reported at once. */
    private void awaitAllServing(Duration timeout) {
        Poll.until(timeout, () -> {
            boolean all = true;
            for (EnsembleMember member : members) {
                all &= member.jvm().probe(ServerJvm.Readiness.SERVING);
            }
            return all;
        }, () -> "ensemble members did not all serve within " + timeout + "\n" + describe());
    }

    /**
     * Waits until every running, unpaused member (prepared observers included) serves as leader,
     * follower or observer, with exactly one leader among them.
     *
     * @param timeout the limit
     * @throws IllegalStateException with each member's mode and log tail if there is no quorum in time
     */
    public void awaitQuorum(Duration timeout) {
        Poll.until(timeout, this::hasQuorum, () -> "no quorum within " + timeout + "\n" + describe());
    }

    private boolean hasQuorum() {
        List<EnsembleMember> active = all().stream().filter(m -> m.isRunning() && !m.isPaused()).toList();
        if (active.isEmpty()) {
            return false;
        }
        List<String> modes = active.stream().map(EnsembleMember::mode).toList();
        return modes.stream().allMatch(QUORUM_MODES::contains)
                && modes.stream().filter("leader"::equals).count() == 1;
    }

    /**
     * All participants' client addresses.
     *
     * @return {@code 127.0.0.1:<p1>,127.0.0.1:<p2>,...}
     */
    public String connectString() {
        return members.stream().map(EnsembleMember::connectString).collect(Collectors.joining(","));
    }

    /**
     * All participants' client addresses with a chroot suffix.
     *
     * @param chroot an absolute path such as {@code /app}; {@code "/"} means no chroot
     * @return {@code 127.0.0.1:<p1>,...,127.0.0.1:<pN><chroot>}
     */
    public String connectString(String chroot) {
        return connectString() + Chroots.suffix(chroot);
    }

    /**
     * The number of participants the ensemble started with.
     *
     * @return the size
     */
    public int size() {
        return members.size();
    }

    /**
     * A participant.
     *
     * @param index 0-based; member {@code i} has {@code myid} {@code i + 1}
     * @return the member
     */
    public EnsembleMember member(int index) {
        return members.get(index);
    }

    /**
     * The participants the ensemble started with, in {@code myid} order.
     *
     * @return an unmodifiable list
     */
    public List<EnsembleMember> members() {
        return members;
    }

    /**
     * The member that currently reports {@code Mode: leader}, if any; asks every running member.
     *
     * @return the leader
     */
    public Optional<EnsembleMember> leader() {
        return all().stream().filter(m -> "leader".equals(m.mode())).findFirst();
    }

    /**
     * Prepares a server that is not yet part of the ensemble: ports, directory, {@code myid} and a
     * configuration listing the participants plus itself as an observer. It does not run until
     * {@link EnsembleMember#start()}; once running it syncs with the leader, and a {@code reconfig}
     * that adds {@link EnsembleMember#spec()} makes it an observer. It is not part of
     * {@link #connectString()}; {@link #close()} stops it.
     *
     * @return the prepared member
     */
    public synchronized EnsembleMember prepareObserver() {
        if (closed.get()) {
            throw new IllegalStateException("ensemble is closed");
        }
        int myid = members.size() + prepared.size() + 1;
        EnsembleMember observer = new EnsembleMember(myid, true, memberDir(myid), options);
        List<String> specs = new ArrayList<>(specs());
        specs.add(observer.spec());
        observer.writeConfig(specs);
        prepared.add(observer);
        return observer;
    }

    /**
     * Kills every member and prepared observer and deletes their directories. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            for (EnsembleMember member : all()) {
                try {
                    member.close();
                } catch (RuntimeException e) {
                    LOG.warn("cannot stop {}: {}", member, e.toString());
                }
            }
        } finally {
            TempDirs.delete(rootDir);
        }
    }

    private List<EnsembleMember> all() {
        List<EnsembleMember> all = new ArrayList<>(members);
        all.addAll(prepared);
        return all;
    }

    private List<String> specs() {
        return members.stream().map(EnsembleMember::spec).toList();
    }

    private Path memberDir(int myid) {
        try {
            return Files.createDirectories(rootDir.resolve("server-" + myid));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of server." + myid, e);
        }
    }

    /** Every member's state and log tail, for failure messages. */
    private String describe() {
        StringBuilder text = new StringBuilder();
        for (EnsembleMember member : all()) {
            text.append("--- ").append(member.spec())
                    .append(member.isRunning() ? (member.isPaused() ? " paused" : " running") : " not running")
                    .append(", mode ").append(member.mode())
                    .append(", last lines of ").append(member.logFile()).append(":\n")
                    .append(member.logTail(DIAGNOSTIC_LOG_LINES)).append('\n');
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "ZooKeeperEnsemble{" + connectString() + ", dir=" + rootDir + "}";
    }
}
