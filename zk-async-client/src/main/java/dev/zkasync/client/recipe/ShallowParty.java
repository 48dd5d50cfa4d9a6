package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.KazooClient;

import java.util.List;

/**
 * Kazoo's {@code ShallowParty}: a {@link Party} whose members are named
 * {@code path/<uuid hex>-<identifier>}, so {@link #members()} is a single children read. The
 * identifier must therefore be a valid node name.
 */
public final class ShallowParty extends PartyBase {
    private final String suffix;
    private volatile String node;

    /**
     * A member of the party at {@code path}; {@code identifier} becomes part of its node name.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the party node
     * @param identifier this member's identifier
     */
    public ShallowParty(KazooClient client, String path, String identifier) {
        super(client, path, identifier);
        this.suffix = "-" + (identifier == null ? "" : identifier);
        newNode();
        dev.zkasync.client.path.ZkPaths.validate(Recipes.join(path, node));
    }

    @Override
    String node() {
        return node;
    }

    @Override
    void newNode() {
        node = Recipes.uuidHex() + suffix;
    }

    @Override
    AsyncResult<List<String>> members(List<String> children) {
        return Recipes.completed(client, children.stream().map(c -> c.substring(c.indexOf('-') + 1)).toList());
    }
}
