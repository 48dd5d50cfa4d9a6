/**
 * Micrometer meters of a {@link dev.zkasync.client.KazooClient}: its connection's gauges and
 * counters, and a timer per request.
 */
@NullMarked
package dev.zkasync.spring.boot.metrics;

import org.jspecify.annotations.NullMarked;
