package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.KazooClient;

import java.util.List;

/**
 * Kazoo's {@code Party}: a group membership. Each member is an ephemeral
 * {@code path/<uuid hex>__party__} holding its identifier, so Kazoo processes see the same party;
 * {@link #members()} reads the identifiers (one read per member, see {@link ShallowParty} for one
 * read in all). A member whose session is lost joins again once the client has a new session.
 */
public final class Party extends PartyBase {
    static final String NODE_NAME = "__party__";
    private volatile String node = Recipes.uuidHex() + NODE_NAME;

    /**
     * A member of the party at {@code path}; {@code identifier} is its node data.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the party node
     * @param identifier this member's identifier
     */
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
        return Recipes.childTexts(client, path, children, true);
    }
}
