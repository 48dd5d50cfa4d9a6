/**
 * Auto-configuration of the {@code zookeeper} actuator endpoint.
 */
@NullMarked
package dev.zkasync.spring.boot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
