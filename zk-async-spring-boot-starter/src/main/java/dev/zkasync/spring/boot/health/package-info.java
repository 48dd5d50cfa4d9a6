/**
 * Health indicator of a {@link dev.zkasync.client.KazooClient}.
 */
@NullMarked
package dev.zkasync.spring.boot.health;

import org.jspecify.annotations.NullMarked;
