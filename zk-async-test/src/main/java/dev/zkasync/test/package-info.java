/**
 * Real Apache ZooKeeper servers for tests.
 */
package dev.zkasync.test;
