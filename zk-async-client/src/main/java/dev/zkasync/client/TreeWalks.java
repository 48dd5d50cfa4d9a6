package dev.zkasync.client;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.exception.IncompleteDeleteException;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.NodeExistsException;
import dev.zkasync.client.exception.NotEmptyException;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.handler.RequestWindow;
import dev.zkasync.client.path.ZkPaths;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The client's walks over the tree, on server paths (chroot applied) so that a missing chroot is
 * created too: ensuring a path (up until a node exists, then down creating) and deleting a subtree
 * (leaves first). Neither blocks a thread; continuations run where replies complete, as the
 * client's own chaining does.
 */
final class TreeWalks {
    /** Requests of one recursive delete in flight at most: enough to keep a server busy, far below the queue bound. */
    static final int DELETE_WINDOW = 64;
    private static final byte[] EMPTY = new byte[0];

    private final KazooClient client;

    TreeWalks(KazooClient client) {
        this.client = client;
    }

    /** The parent of a server path; for a sequential prefix like "/a/b-" that is "/a". */
    static String parentOf(String serverPath) {
        int slash = serverPath.lastIndexOf('/');
        return slash <= 0 ? "/" : serverPath.substring(0, slash);
    }

    /** exists, else ensure the parent then create; a node created meanwhile by another client is fine. */
    DefaultAsyncResult<Void> ensure(String serverPath, List<ACL> acl) {
        DefaultAsyncResult<Void> out = client.newResult();
        DefaultAsyncResult<Stat> exists = client.sendExists(client.unchroot(serverPath), serverPath, null);
        exists.onComplete((stat, error) -> {
            if (error != null) {
                out.setException(error);
            } else if (stat != null || serverPath.equals("/")) {
                out.set(null);
            } else {
                ensure(parentOf(serverPath), acl).onComplete((ignored, parentError) -> {
                    if (parentError != null) {
                        out.setException(parentError);
                        return;
                    }
                    DefaultAsyncResult<String> created = client.sendCreate(client.unchroot(serverPath), serverPath,
                            EMPTY, acl, CreateOptions.DEFAULT, false);
                    created.onComplete((p, createError) -> {
                        if (createError == null || createError instanceof NodeExistsException) {
                            out.set(null);
                        } else {
                            out.setException(createError);
                        }
                    });
                });
            }
        });
        return out;
    }

    /**
     * Deletes the node at {@code serverPath} and everything below it. Nodes that vanish meanwhile are
     * fine; a child created meanwhile is deleted too. At the first failure no further request is sent
     * and the result fails with {@link IncompleteDeleteException}.
     */
    DefaultAsyncResult<Void> deleteRecursive(String serverPath, int version) {
        DefaultAsyncResult<Void> out = client.newResult();
        Deletion deletion = new Deletion(client.unchroot(serverPath));
        DefaultAsyncResult<Void> walked = client.newResult();
        deletion.subtree(serverPath, version, walked);
        walked.onComplete((v, error) -> {
            if (error == null) {
                out.set(null);
            } else {
                out.setException(new IncompleteDeleteException(deletion.path, deletion.failedAt.get(),
                        deletion.deleted.get(), error));
            }
        });
        return out;
    }

    /** One recursive delete: its window of requests in flight and what stops it. */
    private final class Deletion {
        private final String path;
        private final RequestWindow window = new RequestWindow(DELETE_WINDOW);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicReference<String> failedAt = new AtomicReference<>();
        private final AtomicLong deleted = new AtomicLong();

        Deletion(String path) {
            this.path = path;
        }

        /** Lists the children of {@code serverPath}, deletes their subtrees, then the node itself. */
        void subtree(String serverPath, int version, DefaultAsyncResult<Void> done) {
            String nodePath = client.unchroot(serverPath);
            DefaultAsyncResult<List<String>> children = client.newResult();
            send(nodePath, () -> client.sendGetChildren(nodePath, serverPath, null), children);
            children.onComplete((names, error) -> {
                if (error instanceof NoNodeException) {
                    done.set(null);
                } else if (error != null) {
                    done.setException(error);
                } else {
                    deleteChildren(serverPath, names, () -> deleteNode(serverPath, version, done), done);
                }
            });
        }

        private void deleteChildren(String serverPath, List<String> names, Runnable then, DefaultAsyncResult<Void> done) {
            List<String> toDelete = new ArrayList<>(names);
            if (serverPath.equals("/")) {
                toDelete.remove("zookeeper"); // the server's own tree
            }
            if (toDelete.isEmpty()) {
                then.run();
                return;
            }
            AtomicInteger left = new AtomicInteger(toDelete.size());
            AtomicReference<Throwable> firstError = new AtomicReference<>();
            for (String child : toDelete) {
                DefaultAsyncResult<Void> childDone = client.newResult();
                subtree(ZkPaths.join(serverPath, child), -1, childDone);
                childDone.onComplete((v, childError) -> {
                    if (childError != null) {
                        firstError.compareAndSet(null, childError);
                    }
                    if (left.decrementAndGet() == 0) {
                        if (firstError.get() != null) {
                            done.setException(firstError.get());
                        } else {
                            then.run();
                        }
                    }
                });
            }
        }

        private void deleteNode(String serverPath, int version, DefaultAsyncResult<Void> done) {
            if (serverPath.equals("/")) {
                done.set(null);
                return;
            }
            String nodePath = client.unchroot(serverPath);
            DefaultAsyncResult<Void> removed = client.newResult();
            send(nodePath, () -> client.sendDelete(nodePath, serverPath, version), removed);
            removed.onComplete((v, error) -> {
                if (error == null || error instanceof NoNodeException) {
                    if (error == null) {
                        deleted.incrementAndGet();
                    }
                    done.set(null);
                } else if (error instanceof NotEmptyException) {
                    subtree(serverPath, version, done); // a child appeared meanwhile
                } else {
                    done.setException(error);
                }
            });
        }

        /** Sends through the window unless the walk has failed; the first failure stops the walk. */
        private <T> void send(String nodePath, Supplier<DefaultAsyncResult<T>> request,
                              DefaultAsyncResult<T> out) {
            window.send(() -> {
                Throwable stopped = failure.get();
                if (stopped != null) {
                    DefaultAsyncResult<T> skipped = client.newResult();
                    skipped.setException(stopped);
                    return skipped;
                }
                DefaultAsyncResult<T> sent = request.get();
                sent.onComplete((value, error) -> {
                    if (error != null && !(error instanceof NoNodeException) && !(error instanceof NotEmptyException)
                            && failure.compareAndSet(null, error)) {
                        failedAt.set(nodePath);
                    }
                });
                return sent;
            }, out);
        }
    }
}
