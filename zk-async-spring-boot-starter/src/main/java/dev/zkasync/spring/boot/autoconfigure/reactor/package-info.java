/**
 * Auto-configuration of the {@code ReactiveKazooClient} of zk-async-reactor.
 */
package dev.zkasync.spring.boot.autoconfigure.reactor;
