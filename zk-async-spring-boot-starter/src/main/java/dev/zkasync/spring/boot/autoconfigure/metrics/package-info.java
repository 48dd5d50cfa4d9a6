/**
 * Auto-configuration of the {@code zookeeper.client.*} connection meters.
 */
@NullMarked
package dev.zkasync.spring.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
