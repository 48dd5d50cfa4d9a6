package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.KazooClient;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kazoo's {@code Election}: leader election on a {@link Lock} (same node layout, so Kazoo
 * processes take part in the same election).
 *
 * <pre>{@code
 * Election election = recipes.election("/election/scheduler", "host-1");
 * election.run(() -> {            // blocks until elected, then runs the task while leader
 *     while (!Thread.currentThread().isInterrupted()) {
 *         schedule();
 *     }
 * });                             // leadership is given up when the task returns
 * }</pre>
 *
 * <p>When the session is lost while leading, leadership ends with it: the thread running
 * {@link #run(Runnable)} is interrupted, and {@link Leadership#lost()} completes for
 * {@link #runAsync(LeaderTask)}. The task should stop then, since another contender is elected.
 * {@link #cancel()} gives up a pending candidacy (the task does not run); it does not stop a
 * running leader.
 */
public final class Election {
    private final KazooClient client;
    private final Lock lock;

    /**
     * A candidate for leadership of {@code path}; {@code identifier} shows in {@link #contenders()}.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the election node
     * @param identifier identifies this candidate to the others (see {@link #contenders()})
     */
    public Election(KazooClient client, String path, String identifier) {
        this.client = Objects.requireNonNull(client, "client");
        this.lock = new Lock(client, path, identifier);
    }

    /** What {@link #runAsync(LeaderTask)} runs once elected. */
    @FunctionalInterface
    public interface LeaderTask {
        /**
         * Called on the client's handler thread once elected; must not block. Leadership is held
         * until the returned stage completes (or the session is lost).
         *
         * @param leadership this term: ends when the session is lost
         * @return completes when leadership is to end
         */
        CompletionStage<?> lead(Leadership leadership);
    }

    /** One term of leadership. */
    public static final class Leadership {
        private final DefaultAsyncResult<Void> lost;

        Leadership(KazooClient client) {
            this.lost = Recipes.newResult(client);
        }

        /**
         * Completes if the session is lost during this term: stop acting as leader then.
         *
         * @return completes if the session is lost during this term
         */
        public AsyncResult<Void> lost() {
            return lost;
        }

        /** {@return whether this term ended with the session} */
        public boolean isLost() {
            return lost.ready();
        }
    }

    /**
     * Waits to be elected, then runs {@code task} on this thread and gives up leadership when it
     * returns (or throws). Kazoo's {@code run}.
     *
     * @param task what to run as leader; leadership ends when it returns
     * @return true if the task ran, false if the candidacy was {@linkplain #cancel() cancelled}
     */
    public boolean run(Runnable task) {
        Objects.requireNonNull(task, "task");
        Recipes.requireNotHandlerThread(client, "Election.run()");
        try {
            lock.acquire();
        } catch (CancelledException e) {
            return false;
        }
        Thread leader = Thread.currentThread();
        AtomicBoolean interruptedByUs = new AtomicBoolean();
        Runnable onLost = () -> {
            interruptedByUs.set(true);
            leader.interrupt();
        };
        lock.addLostListener(onLost);
        try {
            if (!lock.isAcquired()) {
                onLost.run(); // lost between the acquire and the listener
            }
            task.run();
            return true;
        } finally {
            lock.removeLostListener(onLost);
            if (interruptedByUs.get()) {
                Thread.interrupted(); // our notification, not the caller's
            }
            lock.releaseAsync().await(java.time.Duration.ofSeconds(30));
        }
    }

    /**
     * {@return the async form of {@link #run(Runnable)}: completes with true when the task's term is over
     * and leadership was given up, with false if cancelled before being elected}
     *
     * @param task what to run as leader; leadership ends when it returns
     */
    public AsyncResult<Boolean> runAsync(LeaderTask task) {
        Objects.requireNonNull(task, "task");
        DefaultAsyncResult<Boolean> out = Recipes.newResult(client);
        Recipes.onDone(lock.acquireAsync(), (won, error) -> {
            if (error instanceof CancelledException) {
                out.set(false);
                return;
            }
            if (error != null) {
                out.setException(error);
                return;
            }
            Leadership term = new Leadership(client);
            Runnable onLost = () -> term.lost.set(null);
            lock.addLostListener(onLost);
            if (!lock.isAcquired()) {
                onLost.run();
            }
            CompletionStage<?> stage;
            try {
                stage = Objects.requireNonNull(task.lead(term), "LeaderTask returned null");
            } catch (RuntimeException e) {
                endTerm(onLost, out, e);
                return;
            }
            stage.whenComplete((v, e) -> endTerm(onLost, out, e));
        });
        return out;
    }

    private void endTerm(Runnable onLost, DefaultAsyncResult<Boolean> out, Throwable error) {
        lock.removeLostListener(onLost);
        Recipes.onDone(lock.releaseAsync(), (released, e) -> {
            if (error != null) {
                out.setException(error);
            } else {
                out.set(true);
            }
        });
    }

    /** Gives up a pending candidacy: {@link #run} returns false without running the task. */
    public void cancel() {
        lock.cancel();
    }

    /** {@return whether this candidate is the leader now} */
    public boolean isLeader() {
        return lock.isAcquired();
    }

    /** {@return the candidates' identifiers, leader first} */
    public List<String> contenders() {
        return lock.contenders();
    }

    /** {@return the outcome of {@link #contenders()}, without blocking} */
    public AsyncResult<List<String>> contendersAsync() {
        return lock.contendersAsync();
    }
}
