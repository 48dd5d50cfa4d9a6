/**
 * Hooks for metrics: a {@link dev.zkasync.client.metrics.RequestObserver} sees every request, and
 * {@link dev.zkasync.client.metrics.ClientStats} reads the connection's counters without I/O.
 */
package dev.zkasync.client.metrics;
