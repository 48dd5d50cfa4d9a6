/**
 * Docker Compose service connection support for ZooKeeper services.
 */
@NullMarked
package dev.zkasync.spring.boot.docker.compose;

import org.jspecify.annotations.NullMarked;
