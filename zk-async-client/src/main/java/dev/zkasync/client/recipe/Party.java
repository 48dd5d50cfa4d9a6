package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.exception.NoNodeException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Kazoo's {@code Party}: a group membership. Each member is an ephemeral
 * {@code path/<uuid hex>__party__} holding its identifier, so Kazoo processes see the same party;
 * {@link #members()} reads the identifiers (one read per member, see {@link ShallowParty} for one
 * read in all). A member whose session is lost joins again once the client has a new session.
 */
public final class Party extends PartyBase {
    static final String NODE_NAME = "__party__";
    private volatile String node = Recipes.uuidHex() + NODE_NAME;

    /** A member of the party at {@code path}; {@code identifier} is its node data. */
    public Party(KazooClient client, String path, String identifier) {
        super(client, path, identifier);
    }

    @Override
    String node() {
        return node;
    }

    @Override
    void newNode() {
        node = Recipes.uuidHex() + NODE_NAME;
    }

    @Override
    boolean isMember(String child) {
        return child.contains(NODE_NAME);
    }

    @Override
    AsyncResult<List<String>> members(List<String> children) {
        List<AsyncResult<String>> reads = new ArrayList<>();
        for (String child : children) {
            DefaultAsyncResult<String> one = Recipes.newResult(client);
            Recipes.onDone(Recipes.retry(client, () -> client.getAsync(Recipes.join(path, child))), (nd, e) -> {
                if (e instanceof NoNodeException) {
                    one.set(null); // left meanwhile
                } else if (e != null) {
                    one.setException(e);
                } else {
                    one.set(Recipes.string(nd.data()));
                }
            });
            reads.add(one);
        }
        return Recipes.map(client, Recipes.all(client, reads),
                ids -> ids.stream().filter(Objects::nonNull).toList());
    }
}
