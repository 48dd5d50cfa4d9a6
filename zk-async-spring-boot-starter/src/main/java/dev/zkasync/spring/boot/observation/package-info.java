/**
 * Micrometer observations of ZooKeeper requests: {@code zookeeper.client.operations}.
 */
@NullMarked
package dev.zkasync.spring.boot.observation;

import org.jspecify.annotations.NullMarked;
