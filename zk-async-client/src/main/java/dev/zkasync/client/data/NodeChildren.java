package dev.zkasync.client.data;


import java.util.List;

/**
 * A node's children (names, not paths, in no particular order) and its stat.
 *
 * @param children the child names
 * @param stat     the parent's stat
 */
public record NodeChildren(List<String> children, Stat stat) {
}
