package dev.zkasync.client.recipe;

import dev.zkasync.client.retry.KazooRetry;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KazooStateListener;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.NodeExistsException;

import java.util.List;
import java.util.Objects;

/** What {@link Party} and {@link ShallowParty} share: an ephemeral member node, re-created after a session loss. */
abstract class PartyBase {
    final KazooClient client;
    final String path;
    final byte[] data;
    private final KazooStateListener rejoin = this::onState;
    private volatile boolean participating;

    PartyBase(KazooClient client, String path, String identifier) {
        this.client = Objects.requireNonNull(client, "client");
        ZkPaths.validate(path);
        this.path = path;
        this.data = Recipes.utf8(identifier);
    }

    /** This member's node name. */
    abstract String node();

    /** Picks a new node name for the next join. */
    abstract void newNode();

    /** The members, from the children of the party node. */
    abstract AsyncResult<List<String>> members(List<String> children);

    /** {@return the party node} */
    public String path() {
        return path;
    }

    /** {@return whether this member has joined and not left} */
    public boolean participating() {
        return participating;
    }

    /** Joins the party (creating its path if needed); joining twice is harmless. */
    public void join() {
        Recipes.requireNotHandlerThread(client, "join()");
        joinAsync().get();
    }

    /** {@return the outcome of {@link #join()}, without blocking} */
    public AsyncResult<Void> joinAsync() {
        if (!participating) {
            newNode(); // a fresh name, so a late retry of an earlier leave cannot remove this membership
        }
        participating = true;
        client.addListener(rejoin);
        String nodePath = Recipes.join(path, node());
        DefaultAsyncResult<Void> out = Recipes.newResult(client);
        Recipes.onDone(createNode(false), (v, e) -> {
            if (e == null) {
                out.set(null);
                return;
            }
            // Not a member after all (Kazoo sets participating only after a join succeeded). A create
            // whose reply was lost may have made the node: it goes in the background.
            if (nodePath.equals(Recipes.join(path, node()))) {
                participating = false;
                client.removeListener(rejoin);
            }
            Recipes.retryForever(client, () -> client.deleteAsync(nodePath));
            out.setException(e);
        });
        return out;
    }

    /** Joins within the request timeout, or (re-joining after a session loss, in the background) for as long as it takes. */
    private AsyncResult<Void> createNode(boolean forever) {
        String nodePath = Recipes.join(path, node());
        DefaultAsyncResult<Void> out = Recipes.newResult(client);
        java.util.function.Supplier<AsyncResult<String>> create = () -> client.createAsync(nodePath, data,
                CreateOptions.DEFAULT.ephemeral().makepath());
        Recipes.onDone(forever ? Recipes.retryForever(client, create) : Recipes.retry(client, create), (p, e) -> {
            if (e == null || e instanceof NodeExistsException) {
                out.set(null); // NodeExists: our create whose reply was lost, or a rejoin racing a join
            } else {
                out.setException(e);
            }
        });
        return out;
    }

    /** After a session loss our ephemeral node is gone: make it again. */
    private void onState(KazooState state) {
        if (state == KazooState.CONNECTED && participating) {
            createNode(true);
        }
    }

    /**
     * Leaves the party; false if this member's node was not there.
     *
     * @return true if this member's node was deleted, false if it was not there
     */
    public boolean leave() {
        Recipes.requireNotHandlerThread(client, "leave()");
        return leaveAsync().get();
    }

    /** {@return the outcome of {@link #leave()}, without blocking} */
    public AsyncResult<Boolean> leaveAsync() {
        participating = false;
        client.removeListener(rejoin);
        DefaultAsyncResult<Boolean> out = Recipes.newResult(client);
        String nodePath = Recipes.join(path, node());
        Recipes.onDone(Recipes.retry(client, () -> client.deleteAsync(nodePath)), (v, e) -> {
            if (e == null) {
                out.set(true);
            } else if (e instanceof NoNodeException) {
                out.set(false);
            } else {
                if (KazooRetry.transientError(e)) {
                    Recipes.retryForever(client, () -> client.deleteAsync(nodePath)); // gone later, not left behind
                }
                out.setException(e);
            }
        });
        return out;
    }

    /** {@return the members' identifiers (Kazoo's iteration over the party)} */
    public List<String> members() {
        Recipes.requireNotHandlerThread(client, "members()");
        return membersAsync().get();
    }

    /** {@return the outcome of {@link #members()}, without blocking} */
    public AsyncResult<List<String>> membersAsync() {
        DefaultAsyncResult<List<String>> out = Recipes.newResult(client);
        Recipes.onDone(children(), (children, e) -> {
            if (e != null) {
                out.setException(e);
            } else {
                Recipes.relay(members(children), out);
            }
        });
        return out;
    }

    /** {@return how many members there are (Kazoo's {@code len(party)})} */
    public int size() {
        Recipes.requireNotHandlerThread(client, "size()");
        return sizeAsync().get();
    }

    /** {@return the outcome of {@link #size()}, without blocking} */
    public AsyncResult<Integer> sizeAsync() {
        return Recipes.map(client, children(), List::size);
    }

    /** The member nodes; a party that does not exist yet has none. */
    AsyncResult<List<String>> children() {
        DefaultAsyncResult<List<String>> out = Recipes.newResult(client);
        Recipes.onDone(Recipes.retry(client, () -> client.getChildrenAsync(path)), (children, e) -> {
            if (e instanceof NoNodeException) {
                out.set(List.of());
            } else if (e != null) {
                out.setException(e);
            } else {
                out.set(children.stream().filter(this::isMember).toList());
            }
        });
        return out;
    }

    boolean isMember(String child) {
        return true;
    }
}
