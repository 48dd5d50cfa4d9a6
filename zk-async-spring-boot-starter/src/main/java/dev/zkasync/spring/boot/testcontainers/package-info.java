/**
 * Testcontainers {@code @ServiceConnection} support for ZooKeeper containers.
 */
@NullMarked
package dev.zkasync.spring.boot.testcontainers;

import org.jspecify.annotations.NullMarked;
