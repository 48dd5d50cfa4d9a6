package dev.zkasync.client.data;


import dev.zkasync.client.acl.ACL;

import java.util.List;

/**
 * A node's ACL and stat ({@link Stat#aversion()} is the ACL version {@code setAcls} checks).
 *
 * @param acls the access control list
 * @param stat the node's stat
 */
public record NodeAcls(List<ACL> acls, Stat stat) {
}
