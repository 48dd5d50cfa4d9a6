package dev.zkasync.client.data;


/**
 * What a create with {@code includeData} returns: the node's actual path (with its sequence suffix,
 * relative to the chroot) and its stat.
 *
 * @param path the created node's path
 * @param stat its stat
 */
public record CreatedNode(String path, Stat stat) {
}
