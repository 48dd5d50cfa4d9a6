/**
 * Auto-configuration of the {@code zookeeper.client.operations} observations.
 */
@NullMarked
package dev.zkasync.spring.boot.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
