/**
 * zk-async: a Kazoo-style asynchronous ZooKeeper client.
 */
package dev.zkasync.client;
