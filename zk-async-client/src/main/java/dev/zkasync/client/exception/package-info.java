/**
 * Exceptions thrown by the client. {@link dev.zkasync.client.exception.KazooException} is the
 * root; {@link dev.zkasync.client.exception.ZooKeeperException} and its one-per-code subclasses
 * carry ZooKeeper error codes.
 */
package dev.zkasync.client.exception;
