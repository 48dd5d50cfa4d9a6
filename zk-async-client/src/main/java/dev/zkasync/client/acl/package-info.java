/**
 * ACLs: identities ({@link dev.zkasync.client.acl.Id}), permission bits
 * ({@link dev.zkasync.client.acl.Perms}), entries ({@link dev.zkasync.client.acl.ACL}) and
 * common lists ({@link dev.zkasync.client.acl.Acls}).
 */
package dev.zkasync.client.acl;
