/**
 * The {@code zookeeper} actuator endpoint: what each {@code KazooClient} bean's session looks like.
 */
@NullMarked
package dev.zkasync.spring.boot.actuate;

import org.jspecify.annotations.NullMarked;
