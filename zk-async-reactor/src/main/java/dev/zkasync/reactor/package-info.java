/**
 * Reactor's face of the zk-async client: {@link dev.zkasync.reactor.ReactiveKazooClient} gives every
 * operation as a cold {@code Mono} and the session's states, persistent watches, Kazoo's DataWatch
 * and ChildrenWatch and a tree cache's events as {@code Flux}es.
 */
package dev.zkasync.reactor;
