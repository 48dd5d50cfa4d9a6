/**
 * Micrometer meters of a {@link dev.zkasync.client.KazooClient}'s connection.
 */
@NullMarked
package dev.zkasync.spring.boot.metrics;

import org.jspecify.annotations.NullMarked;
